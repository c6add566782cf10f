//! Security headers on every response (the SPA's included): a strict
//! Content-Security-Policy that allows the built `index.html`'s own inline
//! scripts by their hash, nosniff, Referrer-Policy, Permissions-Policy,
//! frame protection, COOP, HSTS on https; and `no-store` on every API
//! answer, since they are personal.

use crate::config::Config;
use crate::state::AppState;
use crate::static_files;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use url::Url;

/// Browser features the app may use, for this origin only; the others are
/// off. The call page needs the camera and microphone, and display
/// capture to share a screen.
pub const PERMISSIONS_POLICY: &str = "camera=(self), microphone=(self), display-capture=(self), \
     accelerometer=(), browsing-topics=(), geolocation=(), gyroscope=(), hid=(), \
     magnetometer=(), midi=(), payment=(), serial=(), usb=()";

pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// One year; only sent when `PUBLIC_URL` is https.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Every API answer: personal data and tokens stay out of every cache.
pub const API_CACHE_CONTROL: &str = "no-store";

/// The headers of this server, computed once at start.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    content_security_policy: HeaderValue,
    strict_transport_security: Option<HeaderValue>,
}

impl SecurityHeaders {
    /// The headers for this configuration; the inline scripts allowed are
    /// those of `STATIC_DIR/index.html` and of the other apps' pages as they
    /// are now (none when the app is not built).
    pub fn from_config(config: &Config) -> Self {
        let mut pages = read_index(&config.static_dir.join(static_files::INDEX));
        // Only release builds have the other apps.
        for app in &static_files::OTHER_APPS {
            if let Ok(page) = std::fs::read_to_string(config.static_dir.join(app.index)) {
                pages.push_str(&page);
            }
        }
        let livekit = config.livekit.as_ref().map(|livekit| livekit.url.as_str());
        Self::new(&pages, livekit, config.public_url.scheme() == "https")
    }

    /// The headers for built pages `index_html` (one or more, one after
    /// the other), a LiveKit server at
    /// `livekit_url` (if calls are configured), and an https public URL or
    /// not.
    pub fn new(index_html: &str, livekit_url: Option<&str>, https: bool) -> Self {
        let policy = content_security_policy(
            &inline_script_hashes(index_html),
            &livekit_url.map(livekit_connect_sources).unwrap_or_default(),
        );
        Self {
            // Hashes and URL origins are ASCII without control characters.
            content_security_policy: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'")),
            strict_transport_security: https
                .then(|| HeaderValue::from_static(STRICT_TRANSPORT_SECURITY)),
        }
    }

    pub fn content_security_policy(&self) -> &HeaderValue {
        &self.content_security_policy
    }

    fn apply(&self, path: &str, response: &mut Response) {
        let headers = response.headers_mut();
        let fixed: [(HeaderName, HeaderValue); 6] = [
            (
                header::CONTENT_SECURITY_POLICY,
                self.content_security_policy.clone(),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static(REFERRER_POLICY),
            ),
            (
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static(PERMISSIONS_POLICY),
            ),
            // For browsers older than `frame-ancestors`.
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ];
        for (name, value) in fixed {
            headers.insert(name, value);
        }
        if let Some(hsts) = &self.strict_transport_security {
            headers.insert(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
        }
        if is_api_path(path) {
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(API_CACHE_CONTROL),
            );
        }
    }
}

/// The middleware that adds the headers to every response of `app`.
pub fn layer(app: axum::Router<AppState>, headers: SecurityHeaders) -> axum::Router<AppState> {
    app.layer(middleware::from_fn_with_state(
        Arc::new(headers),
        add_headers,
    ))
}

async fn add_headers(
    State(headers): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    headers.apply(&path, &mut response);
    response
}

fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn read_index(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(html) => html,
        Err(error) => {
            tracing::warn!(
                path = %path.display(),
                %error,
                "cannot read the built index.html: the Content-Security-Policy allows no inline script"
            );
            String::new()
        }
    }
}

/// The policy: only this origin's files, WebAssembly, the listed inline
/// scripts, and connections to this origin and to LiveKit.
pub fn content_security_policy(script_hashes: &[String], livekit_sources: &[String]) -> String {
    let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script_src.extend(script_hashes.iter().map(|hash| format!("'{hash}'")));
    let mut connect_src = vec!["'self'".to_owned()];
    connect_src.extend(livekit_sources.iter().cloned());
    [
        "default-src 'self'".to_owned(),
        format!("script-src {}", script_src.join(" ")),
        "style-src 'self'".to_owned(),
        "img-src 'self' data: blob:".to_owned(),
        "media-src 'self' blob:".to_owned(),
        format!("connect-src {}", connect_src.join(" ")),
        "object-src 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "form-action 'self'".to_owned(),
        "frame-ancestors 'none'".to_owned(),
    ]
    .join("; ")
}

/// What the browser must reach for calls: the LiveKit server's WebSocket
/// origin and its http(s) twin (livekit-client checks `/rtc/validate` and,
/// on LiveKit Cloud, asks `/settings/regions` over https). Empty for a URL
/// that does not parse (the configuration refuses those anyway).
pub fn livekit_connect_sources(livekit_url: &str) -> Vec<String> {
    let Ok(url) = Url::parse(livekit_url) else {
        return Vec::new();
    };
    let (ws, http) = match url.scheme() {
        "wss" | "https" => ("wss", "https"),
        _ => ("ws", "http"),
    };
    let Some(host) = url.host_str() else {
        return Vec::new();
    };
    let authority = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    vec![
        format!("{ws}://{authority}"),
        format!("{http}://{authority}"),
    ]
}

/// `sha256-…` of the text of every inline `<script>` (one without `src`)
/// of `html`, in document order, as CSP hash sources.
/// A script found twice is listed once.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    for text in inline_scripts(html) {
        let hash = format!(
            "sha256-{}",
            STANDARD.encode(Sha256::digest(text.as_bytes()))
        );
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    hashes
}

/// The text of every inline script: what lies between `<script …>` and the
/// next `</script`, which is where an HTML parser ends a script's text.
fn inline_scripts(html: &str) -> Vec<&str> {
    const OPEN: &str = "<script";
    const CLOSE: &str = "</script";
    // ASCII lower-casing keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find(OPEN) {
        let tag_start = at + found;
        let after_name = tag_start + OPEN.len();
        // `<scripts>` or `<script-x>` is another element.
        if !lower[after_name..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            at = after_name;
            continue;
        }
        let Some(tag_len) = lower[after_name..].find('>') else {
            break;
        };
        let tag_end = after_name + tag_len;
        let text_start = tag_end + 1;
        let Some(text_len) = lower[text_start..].find(CLOSE) else {
            break;
        };
        let text_end = text_start + text_len;
        if !has_src_attribute(&lower[after_name..tag_end]) {
            scripts.push(&html[text_start..text_end]);
        }
        at = text_end + CLOSE.len();
    }
    scripts
}

/// Whether the attributes of a start tag (lower-cased, without `<script`
/// and `>`) include `src`: names are read one by one, skipping each value.
fn has_src_attribute(attributes: &str) -> bool {
    let mut rest = attributes.trim_start();
    while !rest.is_empty() {
        let name_len = rest
            .find(|c: char| c == '=' || c == '/' || c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if &rest[..name_len] == "src" {
            return true;
        }
        rest = rest[name_len..].trim_start_matches('/').trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            rest = match value.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    value[1..].find(quote).map_or("", |end| &value[end + 2..])
                }
                _ => value
                    .find(|c: char| c.is_ascii_whitespace())
                    .map_or("", |end| &value[end..]),
            };
        }
        rest = rest.trim_start();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `trunk build --release` writes (trimmed): an import map, a
    /// module loader, and scripts and links with `src`/`href`.
    const BUILT: &str = r#"<!doctype html><html><head>
<script type="importmap">
      {"imports": {"livekit-client": "/livekit-client.js"}}
    </script>
<link rel="modulepreload" href="/tandem-web-1a2b3c4d5e6f7a8b.js" crossorigin="anonymous" integrity="sha384-x">
<script src="/other.js" data-note="src="></script>
<SCRIPT type="module">
import init, * as bindings from '/tandem-web-1a2b3c4d5e6f7a8b.js';
const wasm = await init({ module_or_path: '/tandem-web-1a2b3c4d5e6f7a8b_bg.wasm' });
</SCRIPT></head><body></body></html>"#;

    fn sha(text: &str) -> String {
        format!(
            "sha256-{}",
            STANDARD.encode(Sha256::digest(text.as_bytes()))
        )
    }

    #[test]
    fn every_inline_script_is_hashed_exactly_and_no_external_one() {
        let import_map =
            "\n      {\"imports\": {\"livekit-client\": \"/livekit-client.js\"}}\n    ";
        let loader = "\nimport init, * as bindings from '/tandem-web-1a2b3c4d5e6f7a8b.js';\nconst wasm = await init({ module_or_path: '/tandem-web-1a2b3c4d5e6f7a8b_bg.wasm' });\n";
        assert_eq!(
            inline_script_hashes(BUILT),
            vec![sha(import_map), sha(loader)]
        );
    }

    #[test]
    fn a_script_of_both_pages_is_listed_once() {
        let html = "<script>a</script><script>b</script><script>a</script>";
        assert_eq!(inline_script_hashes(html), vec![sha("a"), sha("b")]);
    }

    #[test]
    fn a_quoted_src_is_not_a_src_attribute() {
        let html = r#"<script data-x="src=1">a</script><script data-src="b">b</script><script src=x.js></script>"#;
        assert_eq!(inline_script_hashes(html), vec![sha("a"), sha("b")]);
    }

    #[test]
    fn livekit_sources_are_both_schemes_of_its_origin() {
        assert_eq!(
            livekit_connect_sources("wss://tandem.livekit.cloud"),
            ["wss://tandem.livekit.cloud", "https://tandem.livekit.cloud"]
        );
        assert_eq!(
            livekit_connect_sources("ws://127.0.0.1:7880/"),
            ["ws://127.0.0.1:7880", "http://127.0.0.1:7880"]
        );
        assert_eq!(
            livekit_connect_sources("https://lk.example.org:8443/base"),
            ["wss://lk.example.org:8443", "https://lk.example.org:8443"]
        );
    }

    #[test]
    fn the_policy_names_every_directive() {
        let policy = content_security_policy(
            &["sha256-abc".to_owned()],
            &["wss://lk.example.org".to_owned()],
        );
        assert_eq!(
            policy,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'; \
             style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; \
             connect-src 'self' wss://lk.example.org; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        );
    }
}
