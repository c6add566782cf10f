//! `/api/availability…`: a professional's weekly hours, rules and date
//! overrides.

use crate::auth::CurrentUser;
use crate::availability::settings;
use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use tandem_api::auth::Role;
use tandem_api::availability::{Availability, CreateOverrideRequest, DateOverride};
use tandem_api::OverrideId;

const ONLY_PROFESSIONALS: &str = "Only professionals have weekly hours.";

pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Availability>, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    settings::get(&state, professional.id).await.map(Json)
}

pub async fn put(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<Availability>,
) -> Result<Json<Availability>, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    settings::put(&state, professional.id, request)
        .await
        .map(Json)
}

pub async fn overrides(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<DateOverride>>, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    settings::overrides(&state, professional.id).await.map(Json)
}

/// 201 with the override.
pub async fn add_override(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<CreateOverrideRequest>,
) -> Result<impl IntoResponse, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    let created = settings::add_override(&state, professional.id, request).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// 204 once it is gone.
pub async fn delete_override(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<OverrideId>,
) -> Result<StatusCode, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    settings::delete_override(&state, professional.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
