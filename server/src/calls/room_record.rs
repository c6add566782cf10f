//! The room-status record of a booking, read in one query from
//! `bookings`, `call_rooms` and `call_participants`.

use crate::db::Db;
use sqlx::FromRow;
use tandem_api::{BookingId, UserId};

/// A booking's two people and its room record.
#[derive(Debug)]
pub struct Record {
    pub client: UserId,
    pub professional: UserId,
    pub room: Option<String>,
    pub last_event_at: Option<i64>,
    /// When the client and the professional last said they are running
    /// late (unix seconds).
    pub client_late_at: Option<i64>,
    pub professional_late_at: Option<i64>,
    /// Identity and name of everyone in the room, first arrival first.
    pub present: Vec<(String, String)>,
}

/// The record in one query: a row per person in the room (one row with no
/// person when the room is empty or was never made); `None` for no such
/// booking.
pub async fn read(db: &Db, booking: BookingId) -> Result<Option<Record>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        client_id: i64,
        professional_id: i64,
        room_name: Option<String>,
        last_event_at: Option<i64>,
        client_late_at: Option<i64>,
        professional_late_at: Option<i64>,
        identity: Option<String>,
        name: Option<String>,
    }
    let rows = sqlx::query_as::<_, Row>(
        "SELECT bookings.client_id, slots.professional_id,
                bookings.client_late_at, bookings.professional_late_at,
                call_rooms.room_name, call_rooms.last_event_at,
                call_participants.identity, call_participants.name
         FROM bookings
         JOIN slots ON slots.id = bookings.slot_id
         LEFT JOIN call_rooms ON call_rooms.booking_id = bookings.id
         LEFT JOIN call_participants ON call_participants.room_name = call_rooms.room_name
             AND call_participants.left_at IS NULL
         WHERE bookings.id = $1
         ORDER BY call_participants.joined_at, call_participants.identity",
    )
    .bind(booking.0)
    .fetch_all(db.reader())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut record = Record {
        client: UserId(first.client_id),
        professional: UserId(first.professional_id),
        room: first.room_name.clone(),
        last_event_at: first.last_event_at,
        client_late_at: first.client_late_at,
        professional_late_at: first.professional_late_at,
        present: Vec::new(),
    };
    record.present = rows
        .into_iter()
        .filter_map(|row| Some((row.identity?, row.name.unwrap_or_default())))
        .collect();
    Ok(Some(record))
}
