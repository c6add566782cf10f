//! The HTTP middleware that counts and times every request by method, the
//! route template it matched (`/api/bookings/{id}/room`, never the path
//! itself, so the labels stay few) and status.

use super::{HTTP_REQUESTS, HTTP_REQUEST_DURATION};
use ::metrics::{counter, histogram};
use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// The route label of requests no API route matched (the app's files).
pub const UNMATCHED: &str = "unmatched";

pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| UNMATCHED.to_owned(), |path| path.as_str().to_owned());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let labels = [
        ("method", method.to_owned()),
        ("route", route),
        ("status", response.status().as_u16().to_string()),
    ];
    counter!(HTTP_REQUESTS, &labels).increment(1);
    histogram!(HTTP_REQUEST_DURATION, &labels).record(started.elapsed());
    response
}

/// The standard methods by name; any other (a client may send anything)
/// as `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}
