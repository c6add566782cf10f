//! Who is in which room: the `call_participants` record, written from
//! LiveKit's webhook events and from its participant list.
//!
//! Webhooks can arrive late, twice or out of order. Each row keeps the time
//! of the newest event applied to it (`event_at`), and an older event is
//! ignored, so a late `participant_joined` cannot bring back someone who
//! has left. LiveKit's connection id (`sid`) tells a person's connections
//! apart: when they reconnect, the leave of the old connection does not
//! remove the new one.

use chrono::{DateTime, Utc};
use livekit_protocol::participant_info::State;
use livekit_protocol::ParticipantInfo;
use sqlx::AnyConnection;
use std::collections::HashSet;

/// A participant as an event or LiveKit's list names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub identity: String,
    /// `""` when unknown.
    pub sid: String,
    pub name: String,
    /// Unix seconds; `None` when unknown.
    pub joined_at: Option<i64>,
}

impl From<&ParticipantInfo> for Seen {
    fn from(info: &ParticipantInfo) -> Self {
        Self {
            identity: info.identity.clone(),
            sid: info.sid.clone(),
            name: info.name.clone(),
            joined_at: (info.joined_at > 0).then_some(info.joined_at),
        }
    }
}

/// The same connection, or one of the two is unknown.
const SAME_CONNECTION: &str =
    "(call_participants.sid = excluded.sid OR call_participants.sid = '' OR excluded.sid = '')";

/// `participant_joined` at `at` (unix seconds). Applied when it is newer
/// than what the row knows; at the same second, only as a new connection
/// after a leave (a quick reconnect).
pub async fn joined(
    db: &mut AnyConnection,
    room: &str,
    who: &Seen,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO call_participants (room_name, identity, sid, name, joined_at, left_at, event_at)
         VALUES ($1, $2, $3, $4, $5, NULL, $6)
         ON CONFLICT (room_name, identity) DO UPDATE SET
             sid = excluded.sid, name = excluded.name, joined_at = excluded.joined_at,
             left_at = NULL, event_at = excluded.event_at
         WHERE excluded.event_at > call_participants.event_at
            OR (excluded.event_at = call_participants.event_at
                AND call_participants.left_at IS NOT NULL
                AND NOT {SAME_CONNECTION})"
    ))
    .bind(room)
    .bind(&who.identity)
    .bind(&who.sid)
    .bind(&who.name)
    .bind(who.joined_at.unwrap_or(at))
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// `participant_left` at `at`: applied to the same connection when it is
/// not older than what the row knows. A leave of a participant the record
/// never saw join is kept too, so that their late join stays ignored.
pub async fn left(
    db: &mut AnyConnection,
    room: &str,
    who: &Seen,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO call_participants (room_name, identity, sid, name, joined_at, left_at, event_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (room_name, identity) DO UPDATE SET
             left_at = excluded.left_at, event_at = excluded.event_at
         WHERE excluded.event_at >= call_participants.event_at AND {SAME_CONNECTION}"
    ))
    .bind(room)
    .bind(&who.identity)
    .bind(&who.sid)
    .bind(&who.name)
    .bind(who.joined_at.unwrap_or(at))
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// `room_finished` at `at`: everyone still in the room has left.
pub async fn room_finished(db: &mut AnyConnection, room: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE call_participants SET left_at = $2, event_at = $2
         WHERE room_name = $1 AND left_at IS NULL AND event_at <= $2",
    )
    .bind(room)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

/// LiveKit's list of the room's participants at `now` (our clock) becomes
/// the record: the listed ones are in, everyone else has left. `None`
/// (no such room in LiveKit) means nobody is there.
pub async fn reconcile(
    db: &mut AnyConnection,
    room: &str,
    listed: Option<&[ParticipantInfo]>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let at = now.timestamp();
    let present: Vec<Seen> = listed
        .unwrap_or_default()
        .iter()
        .filter(|info| info.state() != State::Disconnected)
        .map(Seen::from)
        .collect();
    for who in &present {
        sqlx::query(
            "INSERT INTO call_participants (room_name, identity, sid, name, joined_at, left_at, event_at)
             VALUES ($1, $2, $3, $4, $5, NULL, $6)
             ON CONFLICT (room_name, identity) DO UPDATE SET
                 sid = excluded.sid, name = excluded.name, joined_at = excluded.joined_at,
                 left_at = NULL, event_at = excluded.event_at
             WHERE call_participants.event_at <= excluded.event_at",
        )
        .bind(room)
        .bind(&who.identity)
        .bind(&who.sid)
        .bind(&who.name)
        .bind(who.joined_at.unwrap_or(at))
        .bind(at)
        .execute(&mut *db)
        .await?;
    }

    let listed: HashSet<&str> = present.iter().map(|who| who.identity.as_str()).collect();
    let recorded: Vec<String> = sqlx::query_scalar(
        "SELECT identity FROM call_participants WHERE room_name = $1 AND left_at IS NULL",
    )
    .bind(room)
    .fetch_all(&mut *db)
    .await?;
    for identity in recorded.iter().filter(|id| !listed.contains(id.as_str())) {
        sqlx::query(
            "UPDATE call_participants SET left_at = $3, event_at = $3
             WHERE room_name = $1 AND identity = $2 AND left_at IS NULL AND event_at <= $3",
        )
        .bind(room)
        .bind(identity)
        .bind(at)
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}
