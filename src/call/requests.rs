//! The call endpoints, typed, and finding the booking a call belongs to.

use tandem_api::bookings::Booking;
use tandem_api::calls::{CallCredentials, RoomStatus};
use tandem_api::{paths, BookingId};

use crate::api::{self, ApiError};

/// `POST /api/bookings/{id}/call`: credentials to join the booking's
/// LiveKit room (the token lives ten minutes).
pub async fn call_credentials(booking: BookingId) -> Result<CallCredentials, ApiError> {
    api::post_empty(&paths::booking_call(booking)).await
}

/// `GET /api/bookings/{id}/room`: who is in the booking's room now.
pub async fn room_status(booking: BookingId) -> Result<RoomStatus, ApiError> {
    api::get(&paths::booking_room(booking)).await
}

/// `POST /api/bookings/{id}/running-late`: tells the other person, who
/// sees it in the room status, that I am running a few minutes late.
pub async fn say_running_late(booking: BookingId) -> Result<(), ApiError> {
    api::post_empty(&paths::booking_running_late(booking)).await
}

/// `GET /api/bookings/{id}`: the signed-in user's booking `id`, or `None`
/// when there is no such booking or it is not theirs (the server answers
/// 404 to anyone but its two people).
pub async fn find_booking(id: BookingId) -> Result<Option<Booking>, ApiError> {
    match api::get(&paths::booking(id)).await {
        Ok(booking) => Ok(Some(booking)),
        Err(error) if error.is_not_found() => Ok(None),
        Err(error) => Err(error),
    }
}
