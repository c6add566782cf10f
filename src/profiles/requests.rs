//! The profile and directory endpoints, typed.

use tandem_api::profiles::{
    DirectoryPage, DirectoryQuery, ProfessionalProfile, UpdateProfileRequest,
};
use tandem_api::{paths, UserId};

use super::directory_query::api_path;
use crate::api::{self, ApiError};

/// `GET /api/professionals`: one page of the directory for `query`.
pub async fn directory(query: &DirectoryQuery) -> Result<DirectoryPage, ApiError> {
    api::get(&api_path(query)).await
}

/// `GET /api/professionals/{id}`: one professional's profile (404 when
/// there is no such professional).
pub async fn professional(id: UserId) -> Result<ProfessionalProfile, ApiError> {
    api::get(&paths::professional(id)).await
}

/// `GET /api/profile`: the signed-in professional's own profile.
pub async fn own_profile() -> Result<ProfessionalProfile, ApiError> {
    api::get(paths::PROFILE).await
}

/// `PUT /api/profile`: saves the signed-in professional's profile.
pub async fn save_profile(request: &UpdateProfileRequest) -> Result<ProfessionalProfile, ApiError> {
    api::put(paths::PROFILE, request).await
}
