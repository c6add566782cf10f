//! The LiveKit room of a booking: a random name, made the first time a
//! token is minted for the booking and the same for both people after.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use rand::rngs::OsRng;
use rand::RngCore;
use sqlx::AnyConnection;
use tandem_api::BookingId;

/// 128 bits: nobody can guess another booking's room.
const NAME_BYTES: usize = 16;

/// A new room name, base64url without padding (22 characters).
pub fn generate() -> String {
    let mut bytes = [0u8; NAME_BYTES];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The booking's room name, made now if it has none yet. Run it in the
/// transaction that grants the token, so two first requests at once agree
/// on one name.
pub async fn get_or_create(
    db: &mut AnyConnection,
    booking: BookingId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    sqlx::query(
        "INSERT INTO call_rooms (booking_id, room_name, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (booking_id) DO NOTHING",
    )
    .bind(booking.0)
    .bind(generate())
    .bind(now.timestamp())
    .execute(&mut *db)
    .await?;
    sqlx::query_scalar("SELECT room_name FROM call_rooms WHERE booking_id = $1")
        .bind(booking.0)
        .fetch_one(&mut *db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_random_and_url_safe() {
        let a = generate();
        assert_eq!(a.len(), 22);
        assert_ne!(a, generate());
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }
}
