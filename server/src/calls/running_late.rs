//! `POST /api/bookings/{id}/running-late`: one of a booking's two people
//! tells the other, who waits on the call page, that they are running a
//! few minutes late. The note is kept on the booking (so every server
//! process answers it) and shown in the room status until its author is
//! in the room.

use crate::bookings;
use crate::db::WriteScope;
use crate::error::AppError;
use crate::state::AppState;
use tandem_api::auth::Role;
use tandem_api::bookings::BookingStatus;
use tandem_api::validation::in_running_late_window;
use tandem_api::{BookingId, ErrorCode, UserId};

/// Notes that `user` is running late for the booking. Refused: 404 unless
/// they are one of its two people, 409 `conflict` when it is cancelled or
/// outside the hour before the start until the end
/// ([`in_running_late_window`]). Saying it
/// again only moves the time on.
pub async fn say(state: &AppState, user: UserId, id: BookingId) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin_write(WriteScope::Booking(id.0)).await?;
    let booking = bookings::repo::by_id(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = if booking.client.id == user {
        Role::Client
    } else if booking.professional.id == user {
        Role::Professional
    } else {
        return Err(AppError::NotFound);
    };
    if booking.status == BookingStatus::Cancelled {
        return Err(AppError::Conflict(
            ErrorCode::Conflict,
            "This session was cancelled.".into(),
        ));
    }
    if !in_running_late_window(booking.start_time, booking.end_time, now) {
        return Err(AppError::Conflict(
            ErrorCode::Conflict,
            "You can tell the other person you are running late from an hour before the session until it ends."
                .into(),
        ));
    }
    if !bookings::repo::mark_running_late(&mut *tx, id, role, now).await? {
        return Err(AppError::internal(
            "an active booking could not be marked running late",
        ));
    }
    tx.commit().await?;
    Ok(())
}
