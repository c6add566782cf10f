//! `CurrentUser`: the signed-in user, as an extractor. A handler that takes
//! it only runs for a request with a live session; any other request is
//! answered 401 `unauthorized`.

use super::session;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tandem_api::auth::User;

#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let id = session::id_from(&parts.headers).ok_or(AppError::Unauthorized)?;
        session::user(&state.db, &id, state.clock.now())
            .await?
            .map(CurrentUser)
            .ok_or(AppError::Unauthorized)
    }
}
