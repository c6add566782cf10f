//! Refuses state-changing API requests that another site made a browser
//! send (cross-site request forgery).
//!
//! `Sec-Fetch-Site`, when present, must be `same-origin` (or `none`: typed
//! by the user); otherwise `Origin`, when present, must be the origin of
//! `PUBLIC_URL`. A request with neither header does not come from a
//! browser page, and is let through. LiveKit's webhook is server to server
//! and checked by its signature instead.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tandem_api::{paths, ErrorCode};
use url::Url;

pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_checked(request.method(), request.uri().path())
        && !is_same_origin(request.headers(), &state.config.public_url)
    {
        return AppError::Coded(
            ErrorCode::CrossSiteRequest,
            "This request came from another site, so it was refused.".into(),
        )
        .into_response();
    }
    next.run(request).await
}

/// State-changing requests to the API, except LiveKit's webhook and the
/// one-click unsubscribe, which a mail app posts (its token is the key,
/// and all it can do is turn reminders off).
pub fn is_checked(method: &Method, path: &str) -> bool {
    let changes_state = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    let api =
        path == paths::API_PREFIX.trim_end_matches('/') || path.starts_with(paths::API_PREFIX);
    changes_state && api && path != paths::LIVEKIT_WEBHOOK && path != paths::REMINDERS_UNSUBSCRIBE
}

fn is_same_origin(headers: &HeaderMap, public_url: &Url) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    if let Some(origin) = headers.get(axum::http::header::ORIGIN) {
        return origin.as_bytes() == public_url.origin().ascii_serialization().as_bytes();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_state_changing_api_requests_are_checked() {
        assert!(is_checked(&Method::POST, paths::AUTH_LOGIN));
        assert!(is_checked(&Method::DELETE, "/api/slots/3"));
        assert!(is_checked(&Method::POST, "/api"));
        assert!(!is_checked(&Method::GET, paths::AUTH_ME));
        assert!(!is_checked(&Method::HEAD, paths::HEALTH));
        assert!(!is_checked(&Method::OPTIONS, paths::AUTH_LOGIN));
        assert!(!is_checked(&Method::POST, paths::LIVEKIT_WEBHOOK));
        assert!(!is_checked(&Method::POST, "/apix"));
        assert!(!is_checked(&Method::POST, "/login"));
    }

    #[test]
    fn fetch_metadata_wins_over_origin() {
        let public = Url::parse("https://tandem.example.com").unwrap();
        let origin = "https://tandem.example.com";
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &public
        ));
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "none")]),
            &public
        ));
        for site in ["same-site", "cross-site", "bogus"] {
            let map = headers(&[("sec-fetch-site", site), ("origin", origin)]);
            assert!(!is_same_origin(&map, &public), "{site}");
        }
    }

    #[test]
    fn origin_must_be_the_public_one() {
        let public = Url::parse("https://tandem.example.com:443/").unwrap();
        assert!(is_same_origin(
            &headers(&[("origin", "https://tandem.example.com")]),
            &public
        ));
        for other in [
            "https://evil.example.com",
            "http://tandem.example.com",
            "https://tandem.example.com:8443",
            "null",
        ] {
            assert!(
                !is_same_origin(&headers(&[("origin", other)]), &public),
                "{other}"
            );
        }
        assert!(is_same_origin(&HeaderMap::new(), &public));
    }
}
