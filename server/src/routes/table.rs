//! [`RouteTable`]: builds the API's axum `Router` and remembers every path
//! it routes, so that `tests/openapi.rs` can hold the OpenAPI document
//! against what is really served.

use crate::error::AppError;
use crate::state::AppState;
use axum::routing::MethodRouter;
use axum::Router;
use tandem_api::ErrorCode;

/// An axum `Router` under construction, with the list of its paths.
#[derive(Default)]
pub struct RouteTable {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl RouteTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// `Router::route`, remembering the path.
    pub fn route(mut self, path: &'static str, method_router: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, method_router);
        self.paths.push(path);
        self
    }

    /// Every path routed so far, in the order they were added.
    pub fn paths(&self) -> &[&'static str] {
        &self.paths
    }

    /// The router; a method a path does not have answers 405 with the JSON
    /// error body (and axum's `Allow` header).
    pub fn into_router(self) -> Router<AppState> {
        self.router.method_not_allowed_fallback(method_not_allowed)
    }
}

async fn method_not_allowed() -> AppError {
    AppError::Coded(
        ErrorCode::MethodNotAllowed,
        "This path does not take this method.".into(),
    )
}
