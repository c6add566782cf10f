//! Calendars: a booking's "Add to calendar" file, and each person's
//! private feed, a secret address a calendar app subscribes to.

pub mod repo;

use crate::auth::tokens;
use crate::bookings;
use crate::error::AppError;
use crate::notices::{self, ics};
use crate::state::AppState;
use chrono::Duration;
use tandem_api::calendar::{CalendarFeedCreated, CalendarFeedStatus};
use tandem_api::{paths, BookingId, UserId};

/// How far back a feed lists sessions (so that today's stay visible).
pub const FEED_PAST: Duration = Duration::days(30);

/// The most sessions one feed lists.
pub const FEED_LIMIT: i64 = 500;

/// One of the person's bookings as a calendar file; 404 for anyone else's.
pub async fn booking_file(
    state: &AppState,
    user: UserId,
    id: BookingId,
) -> Result<String, AppError> {
    let booking = bookings::one(state, user, id).await?;
    let links = notices::links(&state.config);
    Ok(ics::booking_calendar(
        &booking,
        ics::Method::Publish,
        &links,
        None,
        state.clock.now(),
    ))
}

pub async fn status(state: &AppState, user: UserId) -> Result<CalendarFeedStatus, AppError> {
    Ok(CalendarFeedStatus {
        created_at: repo::created_at(state.db.reader(), user).await?,
    })
}

/// A new feed address for the person; any earlier one stops working.
pub async fn create(state: &AppState, user: UserId) -> Result<CalendarFeedCreated, AppError> {
    let now = state.clock.now();
    let token = tokens::generate();
    repo::replace(state.db.writer(), user, &token, now).await?;
    let mut url = state.config.public_url.clone();
    url.set_path(&paths::calendar_feed(&token));
    Ok(CalendarFeedCreated {
        url: url.to_string(),
        created_at: now,
    })
}

pub async fn stop(state: &AppState, user: UserId) -> Result<(), AppError> {
    repo::delete(state.db.writer(), user).await?;
    Ok(())
}

/// The feed named `file` (`{token}.ics`): the person's sessions of the
/// last [`FEED_PAST`] and to come, cancelled ones marked so. 404 for an
/// unknown or stopped token.
pub async fn feed(state: &AppState, file: &str) -> Result<String, AppError> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let user = repo::owner(state.db.reader(), token)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let sessions =
        bookings::repo::starting_after(state.db.reader(), user, now - FEED_PAST, FEED_LIMIT)
            .await?;
    Ok(ics::feed(&sessions, &notices::links(&state.config), now))
}
