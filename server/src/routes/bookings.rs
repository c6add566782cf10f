//! `/api/bookings…`: booking a slot, cancelling, and listing one's sessions.

use crate::auth::CurrentUser;
use crate::bookings;
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use tandem_api::auth::Role;
use tandem_api::bookings::{
    Booking, BookingPage, BookingsQuery, CancelBookingRequest, CreateBookingRequest,
    RescheduleBookingRequest,
};
use tandem_api::BookingId;

/// 201 with the booking.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<CreateBookingRequest>,
) -> Result<impl IntoResponse, AppError> {
    let client = user.require(Role::Client, "Only clients can book sessions.")?;
    let booking = bookings::book(&state, &client, request).await?;
    Ok((StatusCode::CREATED, Json(booking)))
}

/// One page of the caller's sessions, as the client or the professional.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(query): Query<BookingsQuery>,
) -> Result<Json<BookingPage>, AppError> {
    bookings::page(&state, user.id, &query).await.map(Json)
}

/// 200 with the booking, now cancelled; the body (with a reason) is
/// optional.
pub async fn cancel(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<BookingId>,
    request: Option<Json<CancelBookingRequest>>,
) -> Result<Json<Booking>, AppError> {
    let request = request.map(|Json(request)| request).unwrap_or_default();
    bookings::cancel(&state, user.id, id, request)
        .await
        .map(Json)
}

/// 200 with the booking at its new time.
pub async fn reschedule(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<BookingId>,
    Json(request): Json<RescheduleBookingRequest>,
) -> Result<Json<Booking>, AppError> {
    bookings::reschedule::reschedule(&state, user.id, id, request)
        .await
        .map(Json)
}

/// 200 with one of the caller's bookings; 404 for anyone else's.
pub async fn one(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<BookingId>,
) -> Result<Json<Booking>, AppError> {
    bookings::one(&state, user.id, id).await.map(Json)
}
