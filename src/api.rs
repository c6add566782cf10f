//! The typed HTTP client for the Tandem API.
//!
//! Every page talks to the server through the functions here, never through
//! `gloo_net` directly, so that all requests behave the same way:
//!
//! - Paths come from [`tandem_api::paths`] and are relative, so requests go
//!   to the origin that served the app (`trunk serve` proxies `/api/` to the
//!   API server during development).
//! - The session travels in an HttpOnly cookie. Requests are sent with
//!   `credentials: "same-origin"`, so the browser attaches the cookie to our
//!   own API and never to another site; there is no token for a page to
//!   forget to attach.
//! - Request bodies are JSON; answers are decoded into the shared types.
//! - A non-2xx answer becomes [`ApiError::Server`] carrying the documented
//!   [`ErrorBody`]; pages branch on [`ApiError::code`], never on the text.
//! - A request started while a reactive owner is current (inside a
//!   `LocalResource`, an `Action`, or a component body) is aborted when that
//!   owner is cleaned up: navigating away cancels what the old page was
//!   still waiting for.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::{de::DeserializeOwned, Serialize};
use tandem_api::{health::Health, paths, ErrorBody, ErrorCode, FieldError};
use web_sys::RequestCredentials;

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

/// `GET path`, decoding a JSON answer; the page's early answer for `path`
/// if it asked before the app ran ([`crate::early_answer`]).
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = match crate::early_answer::take(path).await {
        Some(early) => checked(Response::from(early)).await?,
        None => send(Request::get(path), None).await?,
    };
    decode(response).await
}

/// `POST path` with a JSON body, decoding a JSON answer. An empty answer
/// (`204 No Content`) decodes as JSON `null`, so `T = ()` fits it.
pub async fn post<B, T>(path: &str, body: &B) -> Result<T, ApiError>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    let json = serde_json::to_string(body).map_err(|e| ApiError::Request(e.to_string()))?;
    let response = send(Request::post(path), Some(json)).await?;
    decode(response).await
}

/// `POST path` without a body (actions named by the path alone, such as
/// signing out), decoding a JSON answer as [`post`] does.
pub async fn post_empty<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = send(Request::post(path), None).await?;
    decode(response).await
}

/// `DELETE path`; any 2xx answer is success and its body is ignored.
pub async fn delete(path: &str) -> Result<(), ApiError> {
    send(Request::delete(path), None).await.map(drop)
}

/// `PUT path` with a JSON body, decoding a JSON answer.
pub async fn put<B, T>(path: &str, body: &B) -> Result<T, ApiError>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    let json = serde_json::to_string(body).map_err(|e| ApiError::Request(e.to_string()))?;
    let response = send(Request::put(path), Some(json)).await?;
    decode(response).await
}

/// `DELETE path` with a JSON body (a confirmation such as the password);
/// any 2xx answer is success and its body is ignored.
pub async fn delete_with<B: Serialize + ?Sized>(path: &str, body: &B) -> Result<(), ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Request(e.to_string()))?;
    send(Request::delete(path), Some(json)).await.map(drop)
}

/// `GET /api/health`. A degraded server answers `503` with the same body,
/// which is a result here, not an error.
pub async fn health() -> Result<Health, ApiError> {
    let response = send_raw(Request::get(paths::HEALTH), None).await?;
    let status = response.status();
    let text = read_text(&response).await?;
    if response.ok() || status == 503 {
        if let Ok(health) = serde_json::from_str::<Health>(&text) {
            return Ok(health);
        }
    }
    if response.ok() {
        return decode_text(&text);
    }
    Err(error_from_answer(
        status,
        &text,
        retry_after_header(&response).as_deref(),
    ))
}

/// Appends a query string to `path`, percent-encoding every key and value.
pub fn with_query(path: &str, params: &[(&str, &str)]) -> String {
    let mut url = path.to_owned();
    for (i, (key, value)) in params.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode_component(key));
        url.push('=');
        url.push_str(&encode_component(value));
    }
    url
}

fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Sends a request and turns a non-2xx answer into [`ApiError::Server`].
async fn send(builder: RequestBuilder, json_body: Option<String>) -> Result<Response, ApiError> {
    checked(send_raw(builder, json_body).await?).await
}

/// The answer, or [`ApiError::Server`] for a non-2xx one.
async fn checked(response: Response) -> Result<Response, ApiError> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let retry_after = retry_after_header(&response);
    let text = read_text(&response).await.unwrap_or_default();
    Err(error_from_answer(status, &text, retry_after.as_deref()))
}

/// Sends a request with the settings every API call shares; any answer,
/// whatever its status, is `Ok`.
async fn send_raw(
    builder: RequestBuilder,
    json_body: Option<String>,
) -> Result<Response, ApiError> {
    let abort = abort_signal_on_cleanup();
    let builder = builder
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
        .abort_signal(abort.as_ref());
    let request = match json_body {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Request(e.to_string()))?;
    request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

/// A signal that aborts the request when the current reactive owner is
/// cleaned up (the component unmounts, or the resource runs again). Outside
/// any owner there is nothing to tie the request to, and it runs to the end.
fn abort_signal_on_cleanup() -> Option<web_sys::AbortSignal> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(signal)
}

async fn read_text(response: &Response) -> Result<String, ApiError> {
    response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let text = read_text(&response).await?;
    decode_text(&text)
}

fn retry_after_header(response: &Response) -> Option<String> {
    response.headers().get("Retry-After")
}

/// Decodes a successful answer; an empty body reads as JSON `null`.
fn decode_text<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()))
}

/// The error for a non-2xx answer: the documented body when it is one,
/// otherwise a generic one chosen by status. `Retry-After` (in seconds) fills
/// in `retry_after_seconds` when the body does not carry it.
fn error_from_answer(status: u16, text: &str, retry_after: Option<&str>) -> ApiError {
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
    use serde::Deserialize;

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
    fn empty_success_bodies_decode_as_unit() {
        assert_eq!(decode_text::<()>(""), Ok(()));
        assert_eq!(decode_text::<Option<u8>>("  "), Ok(None));
    }

    #[test]
    fn undecodable_success_bodies_are_decode_errors() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Named {
            #[allow(dead_code)]
            name: String,
        }
        let err = decode_text::<Named>(r#"{"other":1}"#).unwrap_err();
        assert!(matches!(err, ApiError::Decode(_)));
        assert!(err.code().is_none());
    }

    #[test]
    fn network_errors_have_a_human_message() {
        let err = ApiError::Network("TypeError: Failed to fetch".into());
        assert!(err.user_message().contains("could not reach"));
        assert_eq!(err.status(), None);
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            with_query(
                "/api/professionals/3/slots",
                &[
                    ("date", "2026-11-21"),
                    ("tz", "America/Argentina/Buenos_Aires")
                ]
            ),
            "/api/professionals/3/slots?date=2026-11-21&tz=America%2FArgentina%2FBuenos_Aires"
        );
        assert_eq!(
            with_query("/api/bookings", &[("cursor", "a b+c")]),
            "/api/bookings?cursor=a%20b%2Bc"
        );
        assert_eq!(with_query("/api/bookings", &[]), "/api/bookings");
    }
}
