//! `/api/auth/password-reset…`: asking for a reset link, and using it.

use crate::auth::{password_reset, session, ClientIp};
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use tandem_api::account::{ConfirmPasswordResetRequest, PasswordResetRequest};

/// 202 with the same body for every address, with an account or not.
pub async fn request(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    Json(request): Json<PasswordResetRequest>,
) -> Result<impl IntoResponse, AppError> {
    let answer = password_reset::request(&state, &request.email, &client).await?;
    Ok((StatusCode::ACCEPTED, Json(answer)))
}

/// 200 with the user, signed in on this browser (like signing in does).
pub async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(request): Json<ConfirmPasswordResetRequest>,
) -> Result<impl IntoResponse, AppError> {
    let (user, session_id) =
        password_reset::confirm(&state, &request.token, request.password).await?;
    // The browser may have had another account's session.
    if let Some(previous) = session::id_from(&state.config, &headers) {
        session::end(state.db.writer(), &previous).await?;
    }
    Ok((
        [session::set_cookie(&state.config, &session_id)],
        Json(user),
    ))
}
