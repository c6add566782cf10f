//! The rows a LiveKit webhook event writes besides presence: the ids of
//! events already applied, and when each room last heard of LiveKit.

use super::webhook::REMEMBER_EVENTS;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

/// Records the event id; whether it is new. Forgets ids older than
/// [`REMEMBER_EVENTS`].
pub async fn remember(
    db: &mut AnyConnection,
    id: &str,
    event: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM livekit_webhook_events WHERE received_at < $1")
        .bind((now - REMEMBER_EVENTS).timestamp())
        .execute(&mut *db)
        .await?;
    let inserted = sqlx::query(
        "INSERT INTO livekit_webhook_events (id, event, received_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(event)
    .bind(now.timestamp())
    .execute(&mut *db)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Notes that LiveKit sent an event for `room` now; whether the room is a
/// booking's (rooms of other apps on the same LiveKit are not).
pub async fn mark_event(
    db: &mut AnyConnection,
    room: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE call_rooms SET last_event_at = $1 WHERE room_name = $2")
        .bind(now.timestamp())
        .bind(room)
        .execute(db)
        .await?;
    Ok(result.rows_affected() == 1)
}
