//! The API routes, all under `/api/`.

mod auth;
mod health;

use crate::error::AppError;
use crate::state::AppState;
use axum::routing::{any, get, post};
use axum::Router;
use tandem_api::paths;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::HEALTH, get(health::health))
        .route(paths::AUTH_REGISTER, post(auth::register))
        .route(paths::AUTH_LOGIN, post(auth::login))
        .route(paths::AUTH_LOGOUT, post(auth::logout))
        .route(paths::AUTH_ME, get(auth::me))
        .route(paths::AUTH_VERIFICATION, post(auth::send_verification))
        .route(
            paths::AUTH_VERIFICATION_CONFIRM,
            post(auth::confirm_verification),
        )
        // Unknown API paths answer JSON, never the SPA's index.html.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
}

async fn not_found() -> AppError {
    AppError::NotFound
}
