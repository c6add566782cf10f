//! The built single-page app: files of the static directory, and its
//! `index.html` for every other path so client-side routes survive a reload.
//! The release build holds three apps ([`OTHER_APPS`]): `/call/*` gets the
//! call app's page, `/account`, `/profile` and `/availability` the account
//! app's, when the build has them; every other path the booking app's
//! ([`INDEX`]).
//!
//! The release build writes `NAME.br` and `NAME.gz` next to each
//! compressible file (`cargo xtask` precompresses `dist/`): a browser that
//! accepts them gets those bytes as they are, with `Content-Encoding`, and
//! the app's `CompressionLayer` leaves such answers alone. A file without
//! a variant (a `trunk serve` build, an image) is compressed on the fly.
//!
//! A signed-in person's `GET` of an app's page gets it with their header,
//! and on a professional's or a call's page the top of that page, written
//! in ([`crate::first_screen`]).

use crate::first_screen;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// For files whose name changes with their content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For everything else: the browser revalidates before using its copy.
pub const NO_CACHE: &str = "no-cache";
/// For a page written for the person who asked (crate::first_screen): no
/// shared cache keeps it, and the browser revalidates.
pub const PERSONAL: &str = "private, no-cache";

/// The booking app's page (every page of a dev build).
pub const INDEX: &str = "index.html";
/// A page of its own for some addresses, in release builds (built by the
/// post-build hook in Trunk.toml from `call.html` and `account.html`).
pub struct OtherApp {
    /// Its page, in the static directory.
    pub index: &'static str,
    /// The addresses it draws: these paths and the paths under them.
    pub paths: &'static [&'static str],
}

impl OtherApp {
    fn draws(&self, path: &str) -> bool {
        self.paths.iter().any(|own| {
            path.strip_prefix(own)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }
}

/// The apps besides the booking app.
pub const OTHER_APPS: [OtherApp; 2] = [
    OtherApp {
        index: "call-app/index.html",
        paths: &["/call"],
    },
    OtherApp {
        index: "account-app/index.html",
        paths: &["/account", "/profile", "/availability"],
    },
];

const NOT_BUILT: &str = "The app is not built: there is no index.html in the static directory.\n";

/// Fallback of the router: a file of the static directory, else the SPA.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let dir = state.config.static_dir.as_path();
    let path = request.uri().path().to_owned();
    let (parts, _body) = request.into_parts();

    // The booking app's page is a page, not a file, even at its own name.
    if !matches!(path.as_str(), "/" | "/index.html") {
        let file_request = Request::from_parts(parts.clone(), Body::empty());
        let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
        let response = infallible(files.oneshot(file_request).await).into_response();
        if response.status() != StatusCode::NOT_FOUND {
            return with_cache_control(response, cache_control(&path));
        }
    }

    let page = page_for(dir, &path);
    if parts.method == Method::GET {
        let mut parts = parts.clone();
        if let Some(html) = first_screen::page_for_request(&state, &mut parts, &page, &path).await {
            return finished_page(html);
        }
    }

    let index_request = Request::from_parts(parts, Body::empty());
    let response = infallible(
        ServeFile::new(page)
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(index_request)
            .await,
    )
    .into_response();
    if response.status() == StatusCode::NOT_FOUND {
        return (StatusCode::NOT_FOUND, NOT_BUILT).into_response();
    }
    with_cache_control(response, NO_CACHE)
}

/// A page the server finished for the person who asked.
fn finished_page(html: String) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, PERSONAL),
        (header::VARY, "Cookie"),
    ];
    (headers, html).into_response()
}

/// The page that draws the client-side route `path`.
fn page_for(dir: &Path, path: &str) -> PathBuf {
    OTHER_APPS
        .iter()
        .find(|app| app.draws(path))
        .map(|app| dir.join(app.index))
        .filter(|page| page.is_file())
        .unwrap_or_else(|| dir.join(INDEX))
}

fn infallible<T>(result: Result<T, Infallible>) -> T {
    match result {
        Ok(value) => value,
        Err(never) => match never {},
    }
}

/// Sets the caching policy, and `Vary: Accept-Encoding` (the answer
/// depends on it whether the bytes were precompressed or not).
fn with_cache_control(mut response: Response, value: &'static str) -> Response {
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        if !headers.contains_key(header::VARY) {
            headers.insert(
                header::VARY,
                HeaderValue::from_name(header::ACCEPT_ENCODING),
            );
        }
    }
    response
}

/// The caching policy for a request path.
pub fn cache_control(path: &str) -> &'static str {
    let name = Path::new(path)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    if is_hashed_name(name) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

/// Whether a file name carries Trunk's content hash: a dash, the hash in
/// lower-case hex, then the extension (or wasm-bindgen's `_bg` suffix), as
/// in `main-9f8e7d6c5b4a3210.css` or `tandem-web-3c5f0e9a1b2d4e6f_bg.wasm`.
///
/// Trunk prints the 64-bit hash without leading zeros, so a hash can be a
/// few digits shorter than 16.
pub fn is_hashed_name(name: &str) -> bool {
    const MIN_DIGITS: usize = 12;
    const MAX_DIGITS: usize = 16;
    name.match_indices('-').any(|(dash, _)| {
        let after = &name[dash + 1..];
        let digits = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            .count();
        let rest = &after[digits..];
        (MIN_DIGITS..=MAX_DIGITS).contains(&digits)
            && (rest.starts_with('.') || rest.starts_with("_bg."))
            && rest.len() > 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_app_draws_its_own_addresses() {
        let app_of = |path| {
            OTHER_APPS
                .iter()
                .find(|app| app.draws(path))
                .map(|app| app.index)
        };
        assert_eq!(app_of("/call/42"), Some("call-app/index.html"));
        assert_eq!(app_of("/call"), Some("call-app/index.html"));
        assert_eq!(app_of("/account"), Some("account-app/index.html"));
        assert_eq!(app_of("/profile"), Some("account-app/index.html"));
        assert_eq!(app_of("/availability"), Some("account-app/index.html"));
        for path in [
            "/",
            "/calls/42",
            "/accounts",
            "/sessions",
            "/professionals/3",
        ] {
            assert_eq!(app_of(path), None, "{path}");
        }
    }

    #[test]
    fn trunk_names_are_hashed() {
        assert!(is_hashed_name("tandem-web-3c5f0e9a1b2d4e6f_bg.wasm"));
        assert!(is_hashed_name("tandem-web-3c5f0e9a1b2d4e6f.js"));
        assert!(is_hashed_name("main-9f8e7d6c5b4a3210.css"));
        assert!(is_hashed_name("main-f8e7d6c5b4a3210.css"));
    }

    #[test]
    fn other_names_are_not() {
        for name in [
            "index.html",
            "livekit-client.js",
            "favicon.ico",
            "logo-2026.png",
            "main-9f8e7d6c5b4a3210",
            "main-9F8E7D6C5B4A3210.css",
            "main-9f8e7d6c5b4a3210ff.css",
            "main-9f8e7d6c5b4a3210x.css",
        ] {
            assert!(!is_hashed_name(name), "{name}");
        }
    }

    #[test]
    fn only_the_file_name_counts() {
        assert_eq!(
            cache_control("/snippets/tandem-web-1a2b3c4d5e6f7a8b/bridge.js"),
            NO_CACHE
        );
        assert_eq!(cache_control("/main-9f8e7d6c5b4a3210.css"), IMMUTABLE);
        assert_eq!(cache_control("/"), NO_CACHE);
    }
}
