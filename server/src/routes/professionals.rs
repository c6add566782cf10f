//! `/api/professionals/…` and `/api/profile`: who can be booked, their
//! profiles, and their bookable times for a day.

use crate::auth::CurrentUser;
use crate::availability::bookable;
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::profiles;
use crate::state::AppState;
use axum::extract::State;
use tandem_api::auth::Role;
use tandem_api::availability::BookableTime;
use tandem_api::profiles::{
    DirectoryPage, DirectoryQuery, ProfessionalProfile, UpdateProfileRequest,
};
use tandem_api::slots::SlotsQuery;
use tandem_api::UserId;

const ONLY_PROFESSIONALS: &str = "Only professionals have a profile.";

/// One page of the directory, soonest free first.
pub async fn list(
    State(state): State<AppState>,
    _user: CurrentUser,
    Query(query): Query<DirectoryQuery>,
) -> Result<Json<DirectoryPage>, AppError> {
    profiles::directory(&state, &query).await.map(Json)
}

/// One professional's profile with their next free time.
pub async fn one(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(professional): Path<UserId>,
) -> Result<Json<ProfessionalProfile>, AppError> {
    profiles::one(&state, professional).await.map(Json)
}

/// The professional's times of a day in the viewer's time zone that have
/// not started, with whether each is booked.
pub async fn slots(
    State(state): State<AppState>,
    _user: CurrentUser,
    Path(professional): Path<UserId>,
    Query(query): Query<SlotsQuery>,
) -> Result<Json<Vec<BookableTime>>, AppError> {
    bookable::of_day(&state, professional, &query)
        .await
        .map(Json)
}

/// The caller's own profile.
pub async fn own_profile(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<ProfessionalProfile>, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    profiles::one(&state, professional.id).await.map(Json)
}

/// Saves the caller's profile.
pub async fn update_profile(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(request): Json<UpdateProfileRequest>,
) -> Result<Json<ProfessionalProfile>, AppError> {
    let professional = user.require(Role::Professional, ONLY_PROFESSIONALS)?;
    profiles::update(&state, professional.id, request)
        .await
        .map(Json)
}
