//! The server's cookies (the session, the trusted device): their names and
//! attributes. On an `https` `PUBLIC_URL` each is `Secure` and named with
//! the `__Host-` prefix, which browsers accept only from a secure origin,
//! for the exact host (no `Domain`) and `Path=/`: another site on a sibling
//! subdomain cannot plant one.

use crate::config::Config;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use cookie::{Cookie, SameSite};

/// A cookie's two names: over plain http, and with the `__Host-` prefix.
#[derive(Debug, Clone, Copy)]
pub struct CookieName {
    pub plain: &'static str,
    pub host_only: &'static str,
}

impl CookieName {
    /// The name this configuration uses.
    pub fn for_config(self, config: &Config) -> &'static str {
        if is_secure(config) {
            self.host_only
        } else {
            self.plain
        }
    }
}

/// Whether cookies get `Secure` and the `__Host-` prefix.
pub fn is_secure(config: &Config) -> bool {
    config.public_url.scheme() == "https"
}

/// The value of the request's cookie of that name (the name this
/// configuration uses; the other one is ignored), if any and not empty.
pub fn read(config: &Config, headers: &HeaderMap, name: CookieName) -> Option<String> {
    let name = name.for_config(config);
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
        .filter(|value| !value.is_empty())
}

/// `Set-Cookie` of an HttpOnly cookie for the whole site, kept for
/// `max_age_secs`.
pub fn set(
    config: &Config,
    name: CookieName,
    same_site: SameSite,
    value: &str,
    max_age_secs: i64,
) -> (HeaderName, HeaderValue) {
    let max_age = cookie::time::Duration::seconds(max_age_secs);
    let cookie = base(config, name, same_site, value.to_owned())
        .max_age(max_age)
        .build();
    header(cookie)
}

/// `Set-Cookie` that makes the browser forget the cookie.
pub fn clear(config: &Config, name: CookieName, same_site: SameSite) -> (HeaderName, HeaderValue) {
    let mut cookie = base(config, name, same_site, String::new()).build();
    cookie.make_removal();
    header(cookie)
}

fn base(
    config: &Config,
    name: CookieName,
    same_site: SameSite,
    value: String,
) -> cookie::CookieBuilder<'static> {
    // `__Host-` requires `Secure`, `Path=/` and no `Domain`.
    Cookie::build((name.for_config(config), value))
        .http_only(true)
        .same_site(same_site)
        .path("/")
        .secure(is_secure(config))
}

fn header(cookie: Cookie<'static>) -> (HeaderName, HeaderValue) {
    let value = HeaderValue::from_str(&cookie.to_string())
        .expect("a cookie of a base64url value is a valid header value");
    (SET_COOKIE, value)
}
