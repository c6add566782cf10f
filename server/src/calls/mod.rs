//! Video calls: LiveKit access tokens for the two people of a booking, the
//! status of the booking's room, and LiveKit's webhooks that keep it.

pub mod closing;
pub mod closing_repo;
pub mod presence;
pub mod rate_limit;
pub mod room_name;
pub mod room_record;
pub mod room_status;
pub mod running_late;
pub mod token;
pub mod webhook;
pub mod webhook_repo;

use crate::bookings;
use crate::db::WriteScope;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use tandem_api::auth::{Role, User};
use tandem_api::bookings::BookingStatus;
use tandem_api::calls::CallCredentials;
use tandem_api::validation::{in_call_window, CALL_JOIN_LEAD_MINUTES};
use tandem_api::{BookingId, ErrorCode};

pub use room_status::RoomChecks;

/// Credentials for `user` to join the booking's call. Refused, in this
/// order: 404 `not_found` unless the user is one of the booking's two
/// people (the same answer as for no such booking), 409 `conflict` when it
/// is cancelled, 403 `not_verified`, 409 `outside_call_window`, 503
/// `calls_unavailable` when LiveKit is not configured, and 429
/// `rate_limited` past the hourly limit of tokens.
pub async fn credentials(
    state: &AppState,
    user: &User,
    id: BookingId,
) -> Result<CallCredentials, AppError> {
    let booking = bookings::repo::by_id(state.db.reader(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = if booking.client.id == user.id {
        Role::Client
    } else if booking.professional.id == user.id {
        Role::Professional
    } else {
        return Err(AppError::NotFound);
    };
    if booking.status == BookingStatus::Cancelled {
        return Err(cancelled());
    }
    if !user.verified {
        return Err(AppError::Coded(
            ErrorCode::NotVerified,
            "Verify your account to join calls.".into(),
        ));
    }
    let now = state.clock.now();
    if !in_call_window(booking.start_time, booking.end_time, now) {
        return Err(outside_window(booking.start_time, booking.end_time, now));
    }
    let livekit = state.livekit.as_ref().ok_or_else(unavailable)?;

    // The booking's scope, which cancelling takes too, and the user's, for
    // the token limit.
    let mut tx = state
        .db
        .begin_write_all(&[
            WriteScope::Booking(booking.id.0),
            WriteScope::User(user.id.0),
        ])
        .await?;
    // Cancelled since it was read? Now nobody can cancel it before the commit.
    if !bookings::repo::is_active(&mut *tx, booking.id).await? {
        return Err(cancelled());
    }
    rate_limit::take(&mut tx, user.id, now).await?;
    let room_name = room_name::get_or_create(&mut tx, booking.id, now).await?;
    let holder = token::Holder {
        id: user.id,
        full_name: &user.full_name,
        role,
    };
    let minted = token::mint(livekit.config(), &room_name, holder).map_err(AppError::internal)?;
    let setup_check = token::mint_setup_check(livekit.config(), &room_name, holder)
        .map_err(AppError::internal)?;
    tx.commit().await?;

    // The room exists, for two, before anyone holds a token for it (and
    // not made while the database is locked).
    closing::open(livekit, &room_name).await?;
    if !closing::still_active_after_open(state, livekit, booking.id).await? {
        return Err(cancelled());
    }

    Ok(CallCredentials {
        livekit_url: livekit.config().url.clone(),
        token: minted.token,
        room_name,
        identity: user.id.to_string(),
        role,
        expires_at: minted.expires_at,
        setup_check_token: setup_check.token,
    })
}

fn cancelled() -> AppError {
    AppError::Conflict(
        ErrorCode::Conflict,
        "This session was cancelled, so there is no call to join.".into(),
    )
}

/// 503 `calls_unavailable`: no LiveKit is configured.
pub fn unavailable() -> AppError {
    AppError::Coded(
        ErrorCode::CallsUnavailable,
        "Video calls are not available right now.".into(),
    )
}

/// 409 `outside_call_window`, saying when the call opens or that it ended.
fn outside_window(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> AppError {
    let message = if now >= end {
        "This session has ended, so its call is closed.".to_owned()
    } else {
        let opens = start - Duration::minutes(CALL_JOIN_LEAD_MINUTES);
        format!(
            "The call opens {CALL_JOIN_LEAD_MINUTES} minutes before the session starts, at {} UTC.",
            opens.format("%Y-%m-%d %H:%M")
        )
    };
    AppError::Coded(ErrorCode::OutsideCallWindow, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn message(error: AppError) -> String {
        match error {
            AppError::Coded(ErrorCode::OutsideCallWindow, message) => message,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_window_message_says_when_it_opens_or_that_it_ended() {
        let start = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
        let end = start + Duration::hours(1);
        assert_eq!(
            message(outside_window(start, end, start - Duration::hours(2))),
            "The call opens 10 minutes before the session starts, at 2026-11-21 09:50 UTC."
        );
        assert_eq!(
            message(outside_window(start, end, end)),
            "This session has ended, so its call is closed."
        );
    }
}
