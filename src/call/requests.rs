//! The call endpoints, typed, and finding the booking a call belongs to.

use tandem_api::bookings::{Booking, BookingScope};
use tandem_api::calls::{CallCredentials, RoomStatus};
use tandem_api::{paths, BookingId};

use crate::api::{self, ApiError};
use crate::booking::requests::bookings;

/// How many pages of upcoming sessions [`find_booking`] reads at most.
const MAX_PAGES: usize = 20;

/// `POST /api/bookings/{id}/call`: credentials to join the booking's
/// LiveKit room (the token lives ten minutes).
pub async fn call_credentials(booking: BookingId) -> Result<CallCredentials, ApiError> {
    api::post_empty(&paths::booking_call(booking)).await
}

/// `GET /api/bookings/{id}/room`: who is in the booking's room now.
pub async fn room_status(booking: BookingId) -> Result<RoomStatus, ApiError> {
    api::get(&paths::booking_room(booking)).await
}

/// The signed-in user's booking `id` among their upcoming sessions (a call
/// can only be joined before its session ends), or `None` when it is not
/// one of them.
pub async fn find_booking(id: BookingId) -> Result<Option<Booking>, ApiError> {
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = bookings(BookingScope::Upcoming, cursor.as_deref()).await?;
        if let Some(booking) = page.items.into_iter().find(|b| b.id == id) {
            return Ok(Some(booking));
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(None)
}
