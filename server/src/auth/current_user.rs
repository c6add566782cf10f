//! `CurrentUser`: the signed-in user, as an extractor. A handler that takes
//! it only runs for a request with a live session; any other request is
//! answered 401 `unauthorized`.

use super::session;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tandem_api::auth::{Role, User};
use tandem_api::ErrorCode;

#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let id = session::id_from(&state.config, &parts.headers).ok_or(AppError::Unauthorized)?;
        let idle_timeout = session::idle_timeout(&state.config);
        session::user(&state.db, &id, state.clock.now(), idle_timeout)
            .await?
            .map(CurrentUser)
            .ok_or(AppError::Unauthorized)
    }
}

impl CurrentUser {
    /// The user, if they have `role`; otherwise 403 `forbidden` with
    /// `message` (which says who may do this).
    pub fn require(self, role: Role, message: &str) -> Result<User, AppError> {
        if self.0.role == role {
            Ok(self.0)
        } else {
            Err(AppError::Coded(ErrorCode::Forbidden, message.to_owned()))
        }
    }
}
