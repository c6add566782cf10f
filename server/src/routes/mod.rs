//! The API routes, all under `/api/`.

mod health;

use crate::error::AppError;
use crate::state::AppState;
use axum::routing::{any, get};
use axum::Router;
use tandem_api::paths;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::HEALTH, get(health::health))
        // Unknown API paths answer JSON, never the SPA's index.html.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
}

async fn not_found() -> AppError {
    AppError::NotFound
}
