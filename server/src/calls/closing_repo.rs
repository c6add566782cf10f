//! The `call_rooms` rows to close, and the record that a room was closed.

use chrono::{DateTime, Utc};
use sqlx::AnyExecutor;
use tandem_api::BookingId;

/// A booking's room that LiveKit may still hold.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OpenRoom {
    pub booking_id: i64,
    pub room_name: String,
}

/// The booking's room, unless it has none or it was closed already.
pub async fn open_room_of(
    db: impl AnyExecutor<'_>,
    booking: BookingId,
) -> Result<Option<OpenRoom>, sqlx::Error> {
    sqlx::query_as(
        "SELECT booking_id, room_name FROM call_rooms
         WHERE booking_id = $1 AND closed_at IS NULL",
    )
    .bind(booking.0)
    .fetch_optional(db)
    .await
}

/// Rooms not closed yet whose booking is cancelled or ended at or before
/// `ended_by`, oldest first, at most `limit`.
pub async fn due(
    db: impl AnyExecutor<'_>,
    ended_by: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<OpenRoom>, sqlx::Error> {
    sqlx::query_as(
        "SELECT call_rooms.booking_id, call_rooms.room_name
         FROM call_rooms
         JOIN bookings ON bookings.id = call_rooms.booking_id
         JOIN slots ON slots.id = bookings.slot_id
         WHERE call_rooms.closed_at IS NULL
           AND (bookings.status = 'cancelled' OR slots.end_time <= $1)
         ORDER BY slots.end_time, call_rooms.booking_id
         LIMIT $2",
    )
    .bind(ended_by.timestamp())
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Records that the room was deleted in LiveKit; another process may have
/// recorded it first, which changes nothing.
pub async fn mark_closed(
    db: impl AnyExecutor<'_>,
    room_name: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE call_rooms SET closed_at = $1 WHERE room_name = $2 AND closed_at IS NULL")
        .bind(now.timestamp())
        .bind(room_name)
        .execute(db)
        .await?;
    Ok(())
}
