//! `/api/account…`: the signed-in person's own account.

use crate::account;
use crate::auth::{session, CurrentUser};
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use tandem_api::account::{
    Account, ChangePasswordRequest, DeleteAccountRequest, UpdateAccountRequest,
};

pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Account>, AppError> {
    account::get(&state, user.id).await.map(Json)
}

/// 200 with the account as saved.
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(request): Json<UpdateAccountRequest>,
) -> Result<Json<Account>, AppError> {
    account::update(&state, user.id, request).await.map(Json)
}

/// 204; this browser stays signed in, every other session has ended.
pub async fn change_password(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Json(request): Json<ChangePasswordRequest>,
) -> Result<StatusCode, AppError> {
    let this_session = session::id_from(&state.config, &headers).ok_or(AppError::Unauthorized)?;
    account::change_password(&state, &user, &this_session, request).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 204, and the browser forgets its session too.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<impl IntoResponse, AppError> {
    account::sign_out_everywhere(&state, user.id).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [session::clear_cookie(&state.config)],
    ))
}

/// 204: the account is gone, and so is the browser's session.
pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Json(request): Json<DeleteAccountRequest>,
) -> Result<impl IntoResponse, AppError> {
    account::delete(&state, &user, request.password).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [session::clear_cookie(&state.config)],
    ))
}
