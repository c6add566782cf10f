//! `ClientIp`: the address of the peer of the connection, as a key for
//! throttling.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::SocketAddr;

/// The key used when the server runs without connection info (requests
/// sent through the router directly, as tests do).
pub const UNKNOWN: &str = "unknown";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(
                || UNKNOWN.to_owned(),
                // An IPv4 peer on a dual-stack socket counts as its IPv4 address.
                |info| info.0.ip().to_canonical().to_string(),
            );
        Ok(Self(ip))
    }
}
