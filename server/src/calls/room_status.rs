//! `GET /api/bookings/{id}/room`: who is in the booking's call.
//!
//! The answer comes from the `call_participants` record that LiveKit's
//! webhooks keep, so a poll costs one database read. When no webhook came
//! for the room lately (or none ever), LiveKit's own participant list is
//! written into the record first; each server process asks LiveKit at most
//! once per room every [`RECHECK_AFTER`], however many people poll.

use super::presence;
use super::room_record::{self, Record};
use crate::clock::Clock;
use crate::db::{Db, WriteScope};
use crate::error::AppError;
use crate::livekit::LiveKit;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tandem_api::auth::Role;
use tandem_api::calls::{RoomParticipant, RoomStatus, RunningLate};
use tandem_api::{BookingId, UserId};
use tokio::sync::Mutex;

/// Webhooks for a room within this long count as a live feed.
pub const WEBHOOK_FRESH: Duration = Duration::seconds(60);
/// How long one look at LiveKit's participant list serves a room.
pub const RECHECK_AFTER: Duration = Duration::seconds(5);
/// Above this many rooms, the memory of finished checks is pruned.
const PRUNE_ABOVE: usize = 64;

/// The booking's room status, for one of its two people (404 for anyone
/// else, and for a booking that does not exist).
pub async fn status(
    state: &AppState,
    user: UserId,
    booking: BookingId,
) -> Result<RoomStatus, AppError> {
    // Noted before reading, to tell whether a room check wrote since.
    let writes_seen = state.room_checks.writes();
    let mut record = room_record::read(&state.db, booking)
        .await?
        .filter(|record| record.client == user || record.professional == user)
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    if let (Some(room), Some(livekit)) = (&record.room, &state.livekit) {
        if record.webhooks_quiet(now) {
            let checked = state
                .room_checks
                .reconcile(&state.db, state.clock.as_ref(), livekit, room, writes_seen)
                .await?;
            if checked {
                record = room_record::read(&state.db, booking)
                    .await?
                    .ok_or_else(|| AppError::internal("a booking vanished during a room check"))?;
            }
        }
    }
    Ok(record.into_status())
}

impl Record {
    fn webhooks_quiet(&self, now: DateTime<Utc>) -> bool {
        self.last_event_at
            .is_none_or(|at| at <= (now - WEBHOOK_FRESH).timestamp())
    }

    fn into_status(self) -> RoomStatus {
        let (client, professional) = (self.client.to_string(), self.professional.to_string());
        // Only the booking's two people: anyone else (a recorder, say) has
        // no role here.
        let participants: Vec<RoomParticipant> = self
            .present
            .into_iter()
            .filter_map(|(identity, name)| {
                let role = if identity == client {
                    Role::Client
                } else if identity == professional {
                    Role::Professional
                } else {
                    return None;
                };
                Some(RoomParticipant {
                    identity,
                    name,
                    role,
                })
            })
            .collect();
        let running_late = [
            (Role::Client, client, self.client_late_at),
            (Role::Professional, professional, self.professional_late_at),
        ]
        .into_iter()
        .filter(|(_, identity, _)| !participants.iter().any(|p| &p.identity == identity))
        .filter_map(|(role, _, at)| {
            Some(RunningLate {
                role,
                since: DateTime::from_timestamp(at?, 0)?,
            })
        })
        .collect();
        RoomStatus {
            active: !participants.is_empty(),
            participants,
            running_late,
        }
    }
}

/// When this process last asked LiveKit about one room (`None`: never),
/// behind the lock that a check of the room holds.
type LastCheck = Arc<Mutex<Option<DateTime<Utc>>>>;

/// When this process last asked LiveKit about each room. One lock per
/// room: concurrent polls of a room wait for a single answer.
#[derive(Debug, Clone, Default)]
pub struct RoomChecks {
    rooms: Arc<Mutex<HashMap<String, LastCheck>>>,
    /// How many checks wrote into the record so far.
    writes: Arc<AtomicU64>,
}

impl RoomChecks {
    /// A number that changes whenever a check writes into the record.
    pub fn writes(&self) -> u64 {
        self.writes.load(Ordering::Acquire)
    }

    /// Writes LiveKit's participant list for `room` into the record,
    /// unless that was done in the last [`RECHECK_AFTER`]. Whether the
    /// record may have changed since [`Self::writes`] was `writes_seen`
    /// (then the caller reads it again). If LiveKit cannot be reached the
    /// record stays as it is, and LiveKit is not asked again for this room
    /// before [`RECHECK_AFTER`].
    pub async fn reconcile(
        &self,
        db: &Db,
        clock: &dyn Clock,
        livekit: &LiveKit,
        room: &str,
        writes_seen: u64,
    ) -> Result<bool, sqlx::Error> {
        let entry = self.entry(room, clock.now()).await;
        let mut last_check = entry.lock().await;
        let now = clock.now();
        if last_check.is_some_and(|at| now - at < RECHECK_AFTER) {
            // Checked lately, perhaps by a request we just waited for.
            return Ok(self.writes() != writes_seen);
        }
        *last_check = Some(now);
        let listed = match livekit.participants(room).await {
            Ok(listed) => listed,
            Err(error) => {
                tracing::warn!(%error, room, "room status: cannot ask LiveKit, answering from the record");
                return Ok(self.writes() != writes_seen);
            }
        };
        let mut tx = db.begin_write(WriteScope::Room(room)).await?;
        presence::reconcile(&mut tx, room, listed.as_deref(), now).await?;
        tx.commit().await?;
        self.writes.fetch_add(1, Ordering::AcqRel);
        Ok(true)
    }

    async fn entry(&self, room: &str, now: DateTime<Utc>) -> LastCheck {
        let mut rooms = self.rooms.lock().await;
        if rooms.len() > PRUNE_ABOVE {
            // Forget rooms nobody is checking and whose check is stale.
            rooms.retain(|_, entry| {
                Arc::strong_count(entry) > 1
                    || entry
                        .try_lock()
                        .map_or(true, |last| last.is_some_and(|at| now - at < RECHECK_AFTER))
            });
        }
        rooms.entry(room.to_owned()).or_default().clone()
    }
}
