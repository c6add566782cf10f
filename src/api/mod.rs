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
//!   [`tandem_api::ErrorBody`]; pages branch on [`ApiError::code`], never on the text.
//! - A request started while a reactive owner is current (inside a
//!   `LocalResource`, an `Action`, or a component body) is aborted when that
//!   owner is cleaned up: navigating away cancels what the old page was
//!   still waiting for.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::{de::DeserializeOwned, Serialize};
use tandem_api::{health::Health, paths};
use web_sys::RequestCredentials;

mod error;

use error::error_from_answer;
pub use error::ApiError;
#[cfg(debug_assertions)]
pub use error::NO_API_SERVER;

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
    decode(send_json(Request::post(path), body).await?).await
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
    decode(send_json(Request::put(path), body).await?).await
}

/// `DELETE path` with a JSON body (a confirmation such as the password);
/// any 2xx answer is success and its body is ignored.
pub async fn delete_with<B: Serialize + ?Sized>(path: &str, body: &B) -> Result<(), ApiError> {
    send_json(Request::delete(path), body).await.map(drop)
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

/// Sends a request with `body` as JSON, as [`send`] does.
async fn send_json<B: Serialize + ?Sized>(
    builder: RequestBuilder,
    body: &B,
) -> Result<Response, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Request(e.to_string()))?;
    send(builder, Some(json)).await
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

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
