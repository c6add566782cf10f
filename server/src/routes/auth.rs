//! `/api/auth/…`: register, sign in and out, who am I, email verification.

use crate::auth::{
    device, login, register, registration_limit, session, verification, ClientIp, CurrentUser,
};
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use tandem_api::auth::{ConfirmVerificationRequest, LoginRequest, RegisterRequest, User};

/// 201 with the new user, signed in, and the first verification email
/// sent; 429 once the client address made too many registrations.
pub async fn register(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Json(request): Json<RegisterRequest>,
) -> Result<impl IntoResponse, AppError> {
    registration_limit::take(&state, &client).await?;
    let account = register::validate(request)?;
    let (user, session_id) = register::create(&state, account).await?;
    end_previous_session(&state, &headers).await?;
    // The account exists either way; the verify page can send another.
    if let Err(error) = verification::send(&state, &user).await {
        tracing::warn!(%error, user = %user.id, "no verification email after registration");
    }
    Ok((
        StatusCode::CREATED,
        [session::set_cookie(&state.config, &session_id)],
        Json(user),
    ))
}

pub async fn login(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Json(request): Json<LoginRequest>,
) -> Result<impl IntoResponse, AppError> {
    let device_token = device::token_from(&state.config, &headers);
    let signed_in = login::login(&state, request, &client, device_token.as_deref()).await?;
    end_previous_session(&state, &headers).await?;
    Ok((
        AppendHeaders([
            session::set_cookie(&state.config, &signed_in.session_id),
            device::set_cookie(&state.config, &signed_in.device_token),
        ]),
        Json(signed_in.user),
    ))
}

/// 204 whether or not there was a session.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    end_previous_session(&state, &headers).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [session::clear_cookie(&state.config)],
    ))
}

pub async fn me(CurrentUser(user): CurrentUser) -> Json<User> {
    Json(user)
}

/// 202: a new link is on its way.
pub async fn send_verification(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<impl IntoResponse, AppError> {
    let sent = verification::send(&state, &user).await?;
    Ok((StatusCode::ACCEPTED, Json(sent)))
}

/// No session needed: the link may be opened in another browser.
pub async fn confirm_verification(
    State(state): State<AppState>,
    Json(request): Json<ConfirmVerificationRequest>,
) -> Result<Json<User>, AppError> {
    verification::confirm(&state, &request.token)
        .await
        .map(Json)
}

/// The session the request's cookie names (the browser is about to get
/// another one, or none).
async fn end_previous_session(state: &AppState, headers: &HeaderMap) -> Result<(), AppError> {
    if let Some(id) = session::id_from(&state.config, headers) {
        session::end(state.db.writer(), &id).await?;
    }
    Ok(())
}
