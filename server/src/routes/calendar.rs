//! Calendar routes: a booking's `.ics` file, the person's feed address
//! (`/api/account/calendar-feed`), the feed itself, and the one-click
//! unsubscribe of reminder emails.

use crate::auth::CurrentUser;
use crate::calendar;
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::notices;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;
use tandem_api::calendar::{CalendarFeedCreated, CalendarFeedStatus};
use tandem_api::BookingId;

const CALENDAR_TYPE: &str = "text/calendar; charset=utf-8";

/// 200 `text/calendar`: the booking as a file to save.
pub async fn booking_file(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<BookingId>,
) -> Result<impl IntoResponse, AppError> {
    let text = calendar::booking_file(&state, user.id, id).await?;
    let disposition = format!("attachment; filename=\"tandem-session-{}.ics\"", id.0);
    Ok((
        [
            (header::CONTENT_TYPE, CALENDAR_TYPE.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    ))
}

pub async fn feed_status(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<CalendarFeedStatus>, AppError> {
    calendar::status(&state, user.id).await.map(Json)
}

/// 201 with the new address, shown this once.
pub async fn create_feed(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<(StatusCode, Json<CalendarFeedCreated>), AppError> {
    let created = calendar::create(&state, user.id).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// 204: the address stops working.
pub async fn stop_feed(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<StatusCode, AppError> {
    calendar::stop(&state, user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 200 `text/calendar`: the feed of `{token}.ics`; 404 for a stopped one.
/// No session needed: the token is the key.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let text = calendar::feed(&state, &file).await?;
    Ok(([(header::CONTENT_TYPE, CALENDAR_TYPE)], text))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnsubscribeQuery {
    /// The token of the reminder email's link.
    pub token: String,
}

/// 200: reminders are off for the token's account; 404 for an unknown
/// token. RFC 8058's one-click: a mail app posts without a session.
pub async fn unsubscribe(
    State(state): State<AppState>,
    Query(query): Query<UnsubscribeQuery>,
) -> Result<Json<serde_json::Value>, AppError> {
    if !notices::repo::unsubscribe(state.db.writer(), query.token.trim()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Json(serde_json::json!({
        "message": "Reminder emails are off. You can turn them on again on your account page."
    })))
}
