//! The error body every failing API call answers with:
//! `{"error": {"code": "snake_case_code", "message": "human text"}}`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Machine-readable reason for a refusal. The client branches on this, never
/// on the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: the request is malformed (bad JSON, bad query string).
    BadRequest,
    /// 422: the request is well formed but a field is not acceptable.
    ValidationFailed,
    /// 401: not signed in, or the session has expired.
    Unauthorized,
    /// 403: signed in, but not allowed to do this.
    Forbidden,
    /// 403: a state-changing request came from another site.
    CrossSiteRequest,
    /// 404: no such thing, or not one the caller may see.
    NotFound,
    /// 405: the path exists, but not with this method (`Allow` lists them).
    MethodNotAllowed,
    /// 409: the email address already has an account.
    EmailTaken,
    /// 401: unknown email or wrong password (never says which).
    InvalidCredentials,
    /// 400: a verification token that is unknown, used or expired.
    InvalidToken,
    /// 403: the account has not verified its email address yet.
    NotVerified,
    /// 409: the slot overlaps another slot of the same professional.
    SlotOverlap,
    /// 409: somebody else booked the slot first.
    SlotTaken,
    /// 409: the request conflicts with the current state (e.g. a booked slot).
    Conflict,
    /// 413: the request body is larger than the server reads.
    PayloadTooLarge,
    /// 409: the call can only be joined shortly before and during the session.
    OutsideCallWindow,
    /// 409: the client asked to cancel or move a session inside the
    /// professional's cancellation cutoff.
    InsideCutoff,
    /// 429: too many requests; `Retry-After` says when to try again.
    RateLimited,
    /// 503: video calls are not configured or LiveKit cannot be reached.
    CallsUnavailable,
    /// 503: a dependency (such as the database) is temporarily unavailable.
    ServiceUnavailable,
    /// 500: something failed on the server; details are in its log.
    Internal,
    /// A code this version of the client does not know yet.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The HTTP status the server answers with for this code.
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest | Self::InvalidToken => 400,
            Self::Unauthorized | Self::InvalidCredentials => 401,
            Self::Forbidden | Self::CrossSiteRequest | Self::NotVerified => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::EmailTaken
            | Self::SlotOverlap
            | Self::SlotTaken
            | Self::Conflict
            | Self::OutsideCallWindow
            | Self::InsideCutoff => 409,
            Self::PayloadTooLarge => 413,
            Self::ValidationFailed => 422,
            Self::RateLimited => 429,
            Self::CallsUnavailable | Self::ServiceUnavailable => 503,
            Self::Internal | Self::Unknown => 500,
        }
    }
}

/// One field that failed validation, for showing the message next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    /// Per-field messages for `validation_failed`; absent otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// For `rate_limited`, and `service_unavailable` from a server too busy
    /// to check a password: seconds until a retry can succeed (also sent as
    /// the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
                fields: Vec::new(),
                retry_after_seconds: None,
            },
        }
    }
}

impl fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.error.message)
    }
}

impl std::error::Error for ErrorBody {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_the_documented_shape() {
        let body = ErrorBody::new(ErrorCode::SlotTaken, "Somebody booked this slot first.");
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "slot_taken", "message": "Somebody booked this slot first."}})
        );
    }

    #[test]
    fn unknown_codes_still_parse() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"brand_new_code","message":"x"}}"#).unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
    }
}
