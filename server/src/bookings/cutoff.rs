//! The professional's cancellation cutoff: inside it, the client can no
//! longer cancel or reschedule (the professional always can, until the
//! start).

use crate::error::AppError;
use chrono::{DateTime, Utc};
use tandem_api::bookings::Booking;
use tandem_api::{ErrorCode, UserId};

/// What the person asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Cancel,
    Reschedule,
}

/// 409 `inside_cutoff` when `user` is the booking's client and the
/// client's deadline has passed.
pub fn check(
    booking: &Booking,
    user: UserId,
    now: DateTime<Utc>,
    change: Change,
) -> Result<(), AppError> {
    if user != booking.client.id || now < booking.client_change_deadline {
        return Ok(());
    }
    let hours = (booking.start_time - booking.client_change_deadline).num_hours();
    let what = match change {
        Change::Cancel => "cancelled",
        Change::Reschedule => "rescheduled",
    };
    Err(AppError::Conflict(
        ErrorCode::InsideCutoff,
        format!(
            "Sessions with {} can be {what} until {hours} hours before the start, and that time has passed. Please write to {} if you cannot make it.",
            booking.professional.full_name, booking.professional.full_name
        ),
    ))
}
