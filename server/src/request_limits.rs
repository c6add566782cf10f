//! Limits on each request, so that one client cannot tie the server up:
//! the size of a request body, how long a request may take, and how many
//! are served at once (per process). Refusals answer the JSON error body.

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{BoxError, Router};
use std::time::Duration;
use tandem_api::{ErrorBody, ErrorCode};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::ServiceBuilder;

use crate::state::AppState;

/// The largest request body the API reads: every JSON body it takes is far
/// smaller, and so are LiveKit's webhooks.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Seconds a client turned away for overload is told to wait.
pub const OVERLOAD_RETRY_AFTER_SECS: u64 = 1;

pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_MAX_CONCURRENT_REQUESTS: usize = 512;

/// The limits of `REQUEST_TIMEOUT_SECS`, `HEADER_READ_TIMEOUT_SECS` and
/// `MAX_CONCURRENT_REQUESTS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// From the request's headers to the end of its answer, body read
    /// included; also how long shutdown waits for requests in progress.
    pub request_timeout: Duration,
    /// How long a connection may take to send a request's headers (and how
    /// long an idle connection is kept).
    pub header_read_timeout: Duration,
    /// Requests served at once by this process; more are refused with 503.
    pub max_concurrent_requests: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            max_concurrent_requests: DEFAULT_MAX_CONCURRENT_REQUESTS,
        }
    }
}

/// Adds the limits to `app`: bodies over [`MAX_BODY_BYTES`] are refused
/// with 413 `payload_too_large` by the extractors that read them; a request
/// still running after the timeout answers 503 `service_unavailable`; and
/// past the concurrency limit, 503 `service_unavailable` with
/// `Retry-After`.
pub fn layer(app: Router<AppState>, limits: &HttpLimits) -> Router<AppState> {
    app.layer(DefaultBodyLimit::max(MAX_BODY_BYTES)).layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(refusal))
            .load_shed()
            // One count for the whole router: a per-route layer would limit
            // each route on its own.
            .layer(GlobalConcurrencyLimitLayer::new(
                limits.max_concurrent_requests,
            ))
            .timeout(limits.request_timeout),
    )
}

async fn refusal(error: BoxError) -> Response {
    if error.is::<tower::timeout::error::Elapsed>() {
        tracing::warn!("a request was cut off at the request timeout");
        let body = ErrorBody::new(
            ErrorCode::ServiceUnavailable,
            "The request took too long and was stopped: try again in a moment.",
        );
        return (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response();
    }
    if error.is::<tower::load_shed::error::Overloaded>() {
        let body = ErrorBody::new(
            ErrorCode::ServiceUnavailable,
            "The service is busy right now: try again in a moment.",
        );
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(
                header::RETRY_AFTER,
                HeaderValue::from(OVERLOAD_RETRY_AFTER_SECS),
            )],
            axum::Json(body),
        )
            .into_response();
    }
    tracing::error!(%error, "request failed in a middleware");
    let body = ErrorBody::new(ErrorCode::Internal, "Something went wrong on our side.");
    (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
}
