//! `/api/professionals/…`: who can be booked, and their free time for a day.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::state::AppState;
use crate::{professionals, slots};
use axum::extract::State;
use tandem_api::auth::Professional;
use tandem_api::slots::{Slot, SlotsQuery};
use tandem_api::UserId;

/// Every professional, by name.
pub async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> Result<Json<Vec<Professional>>, AppError> {
    Ok(Json(professionals::list(state.db.reader()).await?))
}

/// The professional's slots of a day in the viewer's time zone that have
/// not started, with whether each is booked.
pub async fn slots(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(professional): Path<UserId>,
    Query(query): Query<SlotsQuery>,
) -> Result<Json<Vec<Slot>>, AppError> {
    slots::of_day(&state, professional, &query).await.map(Json)
}
