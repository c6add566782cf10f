//! The account endpoints, typed (`/api/account…`).

use tandem_api::account::{
    Account, ChangePasswordRequest, DeleteAccountRequest, UpdateAccountRequest,
};
use tandem_api::calendar::{CalendarFeedCreated, CalendarFeedStatus};
use tandem_api::paths;

use crate::api::{self, ApiError};

/// `GET /api/account`.
pub async fn get() -> Result<Account, ApiError> {
    api::get(paths::ACCOUNT).await
}

/// `PUT /api/account`: the name, the time zone and (when given) the
/// reminders choice, as saved.
pub async fn update(request: &UpdateAccountRequest) -> Result<Account, ApiError> {
    api::put(paths::ACCOUNT, request).await
}

/// `POST /api/account/password`: other browsers are signed out.
pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), ApiError> {
    api::post(paths::ACCOUNT_PASSWORD, request).await
}

/// `POST /api/account/sign-out-everywhere`: this browser too.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    api::post_empty(paths::ACCOUNT_SIGN_OUT_EVERYWHERE).await
}

/// `DELETE /api/account`.
pub async fn delete(password: &str) -> Result<(), ApiError> {
    let request = DeleteAccountRequest {
        password: password.to_owned(),
    };
    api::delete_with(paths::ACCOUNT, &request).await
}

/// `GET /api/account/calendar-feed`: whether a calendar feed exists.
pub async fn calendar_feed() -> Result<CalendarFeedStatus, ApiError> {
    api::get(paths::ACCOUNT_CALENDAR_FEED).await
}

/// `POST /api/account/calendar-feed`: a new feed address, replacing any
/// earlier one.
pub async fn create_calendar_feed() -> Result<CalendarFeedCreated, ApiError> {
    api::post_empty(paths::ACCOUNT_CALENDAR_FEED).await
}

/// `DELETE /api/account/calendar-feed`: the feed stops.
pub async fn stop_calendar_feed() -> Result<(), ApiError> {
    api::delete(paths::ACCOUNT_CALENDAR_FEED).await
}
