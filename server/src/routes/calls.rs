//! Video calls: `POST /api/bookings/{id}/call` (join credentials), `GET
//! /api/bookings/{id}/room` (who is in the call), `POST
//! /api/bookings/{id}/running-late`, and LiveKit's webhook.

use crate::auth::CurrentUser;
use crate::calls::{self, room_status, running_late, webhook};
use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use tandem_api::calls::{CallCredentials, RoomStatus};
use tandem_api::BookingId;

pub async fn call(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<BookingId>,
) -> Result<impl IntoResponse, AppError> {
    let credentials: CallCredentials = calls::credentials(&state, &user, id).await?;
    // A token is a secret: no cache keeps it.
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(credentials)))
}

pub async fn room(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<BookingId>,
) -> Result<impl IntoResponse, AppError> {
    let status: RoomStatus = room_status::status(&state, user.id, id).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(status)))
}

/// 204 once the other person can see that the user is running late.
pub async fn running_late(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<BookingId>,
) -> Result<StatusCode, AppError> {
    running_late::say(&state, user.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 200 once the event is applied (or was before); 401 for a body that is
/// not signed with our key.
pub async fn livekit_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, AppError> {
    let body = body?;
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    webhook::receive(&state, authorization, &body).await?;
    Ok(StatusCode::OK)
}
