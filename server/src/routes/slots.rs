//! `/api/slots…`: a professional's own availability.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::slots;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use tandem_api::auth::Role;
use tandem_api::slots::{CreateSlotRequest, Slot};
use tandem_api::SlotId;

const ONLY_PROFESSIONALS: &str = "Only professionals have availability slots.";

/// The caller's slots that have not ended, soonest first.
pub async fn own(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Slot>>, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    slots::own(&state, professional.id).await.map(Json)
}

/// 201 with the new slot.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<CreateSlotRequest>,
) -> Result<impl IntoResponse, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    let slot = slots::validate(&request, state.clock.now())?;
    let created = slots::create(&state, professional.id, slot).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// 204 once the slot is gone.
pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<SlotId>,
) -> Result<StatusCode, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    slots::delete(&state, professional.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
