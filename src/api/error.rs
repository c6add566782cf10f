//! [`ApiError`]: why an API call failed, and how a non-2xx answer becomes
//! one (the documented error body, else a message chosen by status).

use tandem_api::{ErrorBody, ErrorCode, FieldError};

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a non-2xx status. `body` is the documented
    /// error body, or one made up from the status when the answer was not
    /// that JSON (for example a proxy's own error page).
    #[error("the server answered {status}: {body}")]
    Server { status: u16, body: ErrorBody },
    /// The request never got an answer: offline, server down, or aborted.
    #[error("network error: {0}")]
    Network(String),
    /// The answer arrived but is not what this version of the app expects.
    #[error("unexpected answer from the server: {0}")]
    Decode(String),
    /// The request could not be built (its body could not be encoded).
    #[error("could not build the request: {0}")]
    Request(String),
    /// Dev builds only: the development server's proxy answered this status
    /// itself, because no API server runs behind it (plain `trunk serve`).
    #[cfg(debug_assertions)]
    #[error("no API server answered (the proxy said {0})")]
    NoApiServer(u16),
}

/// What a dev build says when no API server runs behind `trunk serve`.
#[cfg(debug_assertions)]
pub const NO_API_SERVER: &str = "The API server is not running: start it with `cargo xtask dev`, or open the gallery at /gallery.";

impl ApiError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The machine-readable reason, when the server answered.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Server { body, .. } => Some(body.error.code),
            _ => None,
        }
    }

    /// Not signed in, or the session has expired: the page should offer to
    /// sign in. (A wrong password at sign-in is `invalid_credentials`, not
    /// this.)
    pub fn is_unauthorized(&self) -> bool {
        self.code() == Some(ErrorCode::Unauthorized)
    }

    /// Signed in but not allowed (including `not_verified`).
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(403)
    }

    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The account has to verify its email address first.
    pub fn is_not_verified(&self) -> bool {
        self.code() == Some(ErrorCode::NotVerified)
    }

    pub fn is_rate_limited(&self) -> bool {
        self.code() == Some(ErrorCode::RateLimited)
    }

    /// Seconds until a retry can succeed (`429`, from the body or the
    /// `Retry-After` header).
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Self::Server { body, .. } => body.error.retry_after_seconds,
            _ => None,
        }
    }

    /// Per-field messages of a `validation_failed` answer.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Server { body, .. } => &body.error.fields,
            _ => &[],
        }
    }

    /// The message for one form field, to show next to it.
    pub fn field_error(&self, field: &str) -> Option<&str> {
        self.field_errors()
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.message.as_str())
    }

    /// Text to show to the person using the app.
    pub fn user_message(&self) -> String {
        match self {
            Self::Server { body, .. } => body.error.message.clone(),
            Self::Network(_) => {
                "We could not reach Tandem. Check your connection and try again.".to_owned()
            }
            Self::Decode(_) | Self::Request(_) => {
                "Something went wrong on our side. Please reload the page and try again.".to_owned()
            }
            #[cfg(debug_assertions)]
            Self::NoApiServer(_) => NO_API_SERVER.to_owned(),
        }
    }

    /// Dev builds: nothing answers behind `trunk serve` (see [`NO_API_SERVER`]).
    pub fn is_no_api_server(&self) -> bool {
        #[cfg(debug_assertions)]
        return matches!(self, Self::NoApiServer(_));
        #[cfg(not(debug_assertions))]
        false
    }
}

/// The error for a non-2xx answer: the documented body when it is one,
/// otherwise a generic one chosen by status. `Retry-After` (in seconds) fills
/// in `retry_after_seconds` when the body does not carry it.
pub(super) fn error_from_answer(status: u16, text: &str, retry_after: Option<&str>) -> ApiError {
    error_from_answer_in(cfg!(debug_assertions), status, text, retry_after)
}

/// [`error_from_answer`], for a dev build (`dev`) or a release build. In a
/// dev build, a server error without our error body is the development
/// proxy's own answer: nothing runs behind it.
fn error_from_answer_in(dev: bool, status: u16, text: &str, retry_after: Option<&str>) -> ApiError {
    let documented = serde_json::from_str::<ErrorBody>(text).ok();
    #[cfg(debug_assertions)]
    if dev && documented.is_none() && is_proxy_failure(status) {
        return ApiError::NoApiServer(status);
    }
    #[cfg(not(debug_assertions))]
    let _ = dev;
    let mut body = documented.unwrap_or_else(|| {
        let code = code_for_status(status);
        ErrorBody::new(code, generic_message(code))
    });
    if body.error.retry_after_seconds.is_none() {
        body.error.retry_after_seconds = retry_after.and_then(|v| v.trim().parse().ok());
    }
    ApiError::Server { status, body }
}

/// The statuses a development proxy answers when its backend is not there
/// (Trunk says `500`; other proxies `502` to `504`).
#[cfg(debug_assertions)]
fn is_proxy_failure(status: u16) -> bool {
    matches!(status, 500 | 502..=504)
}

fn code_for_status(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        422 => ErrorCode::ValidationFailed,
        429 => ErrorCode::RateLimited,
        502..=504 => ErrorCode::ServiceUnavailable,
        500..=599 => ErrorCode::Internal,
        _ => ErrorCode::Unknown,
    }
}

fn generic_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Unauthorized => "Please sign in to continue.",
        ErrorCode::Forbidden => "You are not allowed to do that.",
        ErrorCode::NotFound => "We could not find what you were looking for.",
        ErrorCode::Conflict => {
            "That could not be done because something changed. Please reload and try again."
        }
        ErrorCode::BadRequest | ErrorCode::ValidationFailed => {
            "Please check what you entered and try again."
        }
        ErrorCode::RateLimited => "Too many attempts. Please wait a little and try again.",
        ErrorCode::ServiceUnavailable => {
            "Tandem is temporarily unavailable. Please try again in a few minutes."
        }
        _ => "Something went wrong on our side. Please try again.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_error_bodies_are_kept() {
        let text =
            r#"{"error":{"code":"slot_taken","message":"Somebody booked this slot first."}}"#;
        let err = error_from_answer(409, text, None);
        assert_eq!(err.status(), Some(409));
        assert_eq!(err.code(), Some(ErrorCode::SlotTaken));
        assert_eq!(err.user_message(), "Somebody booked this slot first.");
    }

    #[cfg(debug_assertions)]
    #[test]
    fn a_dev_build_says_when_no_api_server_runs_behind_the_proxy() {
        for status in [500, 502, 503, 504] {
            let err = error_from_answer_in(true, status, "connection refused", None);
            assert_eq!(err, ApiError::NoApiServer(status));
            assert!(err.is_no_api_server());
            assert!(err.user_message().contains("cargo xtask dev"));
            assert!(err.user_message().contains("/gallery"));
        }
        // The API server's own failures keep their documented body.
        let text = r#"{"error":{"code":"internal","message":"Something broke."}}"#;
        let err = error_from_answer_in(true, 500, text, None);
        assert_eq!(err.code(), Some(ErrorCode::Internal));
        assert!(!err.is_no_api_server());
        // Refusals are never the proxy's.
        assert!(!error_from_answer_in(true, 404, "", None).is_no_api_server());
    }

    #[test]
    fn a_release_build_never_mentions_the_development_tools() {
        let err = error_from_answer_in(false, 502, "<html>Bad Gateway</html>", None);
        assert!(!err.is_no_api_server());
        assert!(!err.user_message().contains("xtask"));
    }

    #[test]
    fn other_bodies_fall_back_to_a_message_chosen_by_status() {
        let err = error_from_answer_in(false, 502, "<html>Bad Gateway</html>", None);
        assert_eq!(err.code(), Some(ErrorCode::ServiceUnavailable));
        assert!(err.user_message().contains("temporarily unavailable"));

        let err = error_from_answer_in(false, 401, "", None);
        assert!(err.is_unauthorized());
        assert_eq!(err.user_message(), "Please sign in to continue.");
    }

    #[test]
    fn wrong_credentials_are_not_a_missing_session() {
        let text =
            r#"{"error":{"code":"invalid_credentials","message":"Wrong email or password."}}"#;
        let err = error_from_answer(401, text, None);
        assert!(!err.is_unauthorized());
        assert_eq!(err.code(), Some(ErrorCode::InvalidCredentials));
    }

    #[test]
    fn retry_after_comes_from_the_body_or_the_header() {
        let text = r#"{"error":{"code":"rate_limited","message":"Try again in 12 minutes.","retry_after_seconds":700}}"#;
        assert_eq!(
            error_from_answer(429, text, Some("5")).retry_after_seconds(),
            Some(700)
        );
        let text = r#"{"error":{"code":"rate_limited","message":"Try again later."}}"#;
        let err = error_from_answer(429, text, Some(" 120 "));
        assert!(err.is_rate_limited());
        assert_eq!(err.retry_after_seconds(), Some(120));
        assert_eq!(error_from_answer(429, "", None).retry_after_seconds(), None);
    }

    #[test]
    fn field_errors_are_found_by_name() {
        let text = r#"{"error":{"code":"validation_failed","message":"Check the form.","fields":[{"field":"email","message":"Enter an email address."}]}}"#;
        let err = error_from_answer(422, text, None);
        assert_eq!(err.field_error("email"), Some("Enter an email address."));
        assert_eq!(err.field_error("password"), None);
    }

    #[test]
    fn network_errors_have_a_human_message() {
        let err = ApiError::Network("TypeError: Failed to fetch".into());
        assert!(err.user_message().contains("could not reach"));
        assert_eq!(err.status(), None);
    }
}
