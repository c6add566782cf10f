//! `AppError`: every way a request can fail, answered as the documented
//! JSON error body with the status of its code.

use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tandem_api::{ErrorBody, ErrorCode, FieldError};
use thiserror::Error;

/// Any error with a cause worth logging.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The request is malformed; the message says how.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Fields that are not acceptable, each with its message.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// A 409 refusal with its specific code (`email_taken`, `slot_overlap`, …).
    #[error("conflict ({0:?}): {1}")]
    Conflict(ErrorCode, String),
    /// Any other documented refusal (`invalid_credentials`, `not_verified`,
    /// `calls_unavailable`, …); the status comes from the code.
    #[error("{0:?}: {1}")]
    Coded(ErrorCode, String),
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// Like `RateLimited`, with a message that says what was limited.
    #[error("rate limited for {retry_after_secs} s: {message}")]
    RateLimitedWith {
        retry_after_secs: u64,
        message: String,
    },
    /// A dependency is temporarily unavailable; the client may retry.
    #[error("service unavailable")]
    Unavailable(#[source] BoxError),
    /// This server is too busy to take the request now (503 with
    /// `Retry-After`).
    #[error("busy; retry in {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    /// A failure on our side: logged in full, answered with a generic message.
    #[error("internal error")]
    Internal(#[source] BoxError),
}

impl AppError {
    pub fn internal(source: impl Into<BoxError>) -> Self {
        Self::Internal(source.into())
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotFound => ErrorCode::NotFound,
            Self::BadRequest(_) => ErrorCode::BadRequest,
            Self::Validation(_) => ErrorCode::ValidationFailed,
            Self::Unauthorized => ErrorCode::Unauthorized,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::Conflict(code, _) | Self::Coded(code, _) => *code,
            Self::RateLimited { .. } | Self::RateLimitedWith { .. } => ErrorCode::RateLimited,
            Self::Unavailable(_) | Self::Busy { .. } => ErrorCode::ServiceUnavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    fn message(&self) -> String {
        match self {
            Self::NotFound => "Not found.".into(),
            Self::BadRequest(message)
            | Self::Conflict(_, message)
            | Self::Coded(_, message)
            | Self::RateLimitedWith { message, .. } => message.clone(),
            Self::Validation(fields) => match fields.as_slice() {
                [only] => only.message.clone(),
                _ => "Some fields need attention.".into(),
            },
            Self::Unauthorized => "Please sign in.".into(),
            Self::Forbidden => "You are not allowed to do this.".into(),
            Self::RateLimited { retry_after_secs } => {
                format!(
                    "Too many requests: try again in {}.",
                    wait_text(*retry_after_secs)
                )
            }
            Self::Unavailable(_) => "The service is busy right now: try again in a moment.".into(),
            Self::Busy { retry_after_secs } => format!(
                "The server is busy right now: try again in {}.",
                wait_text(*retry_after_secs)
            ),
            Self::Internal(_) => "Something went wrong on our side.".into(),
        }
    }
}

/// "45 seconds", "1 minute", "12 minutes".
fn wait_text(secs: u64) -> String {
    if secs < 60 {
        let secs = secs.max(1);
        return format!("{secs} second{}", if secs == 1 { "" } else { "s" });
    }
    let minutes = secs.div_ceil(60);
    format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            Self::Internal(source) => tracing::error!(error = %source, "request failed"),
            Self::Unavailable(source) => tracing::warn!(error = %source, "dependency unavailable"),
            _ => {}
        }
        let code = self.code();
        let mut body = ErrorBody::new(code, self.message());
        let status =
            StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match self {
            Self::Validation(fields) => {
                body.error.fields = fields;
                (status, axum::Json(body)).into_response()
            }
            Self::RateLimited { retry_after_secs }
            | Self::RateLimitedWith {
                retry_after_secs, ..
            }
            | Self::Busy { retry_after_secs } => {
                body.error.retry_after_seconds = Some(retry_after_secs);
                let retry_after = HeaderValue::from(retry_after_secs);
                (
                    status,
                    [(header::RETRY_AFTER, retry_after)],
                    axum::Json(body),
                )
                    .into_response()
            }
            _ => (status, axum::Json(body)).into_response(),
        }
    }
}

impl AppError {
    /// The answer to each of several requests that one failed database
    /// call served (a batch of bookings): what [`From<sqlx::Error>`] would
    /// answer, with the error's text as its source.
    pub fn for_each_of(error: &sqlx::Error) -> Self {
        let source: BoxError = error.to_string().into();
        if is_transient(error) {
            Self::Unavailable(source)
        } else {
            Self::Internal(source)
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        if is_transient(&error) {
            Self::Unavailable(error.into())
        } else {
            Self::Internal(error.into())
        }
    }
}

/// Worth retrying: SQLite busy or locked (another process holds the write
/// lock past the busy timeout); on PostgreSQL a serialization failure, a
/// deadlock, a lock or connection limit, or the server starting or gone;
/// no pooled connection free in time, or the connection breaking.
fn is_transient(error: &sqlx::Error) -> bool {
    const SQLITE_BUSY: i32 = 5;
    const SQLITE_LOCKED: i32 = 6;
    match error {
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(db) => {
            if let Some(postgres) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                let code = postgres.code();
                // Class 08: connection exceptions; 57P0x: shutting down or
                // starting up.
                matches!(code, "40001" | "40P01" | "55P03" | "53300")
                    || code.starts_with("08")
                    || code.starts_with("57P0")
            } else {
                db.code()
                    .and_then(|code| code.parse::<i32>().ok())
                    // Extended result codes keep the primary code in the low byte.
                    .is_some_and(|code| matches!(code & 0xff, SQLITE_BUSY | SQLITE_LOCKED))
            }
        }
        _ => false,
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return payload_too_large();
        }
        match rejection {
            JsonRejection::JsonDataError(error) => {
                Self::Coded(ErrorCode::ValidationFailed, error.body_text())
            }
            JsonRejection::MissingJsonContentType(_) => Self::BadRequest(
                "Send the request body as JSON, with Content-Type: application/json.".into(),
            ),
            other => Self::BadRequest(other.body_text()),
        }
    }
}

impl From<BytesRejection> for AppError {
    fn from(rejection: BytesRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            payload_too_large()
        } else {
            Self::BadRequest(rejection.body_text())
        }
    }
}

/// 413 `payload_too_large`: the body is over the server's limit.
fn payload_too_large() -> AppError {
    AppError::Coded(
        ErrorCode::PayloadTooLarge,
        format!(
            "The request is too large: at most {} KB are accepted.",
            crate::request_limits::MAX_BODY_BYTES / 1024
        ),
    )
}
