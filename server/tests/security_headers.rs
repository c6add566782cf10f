//! Security headers on every response, the SPA's and the API's: the
//! Content-Security-Policy allows exactly the inline scripts of the built
//! index.html and the configured LiveKit, and API answers are never cached.

mod common;

use axum::http::StatusCode;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tandem_api::paths;
use tandem_server::AppState;

const IMPORT_MAP: &str = r#"{"imports": {"livekit-client": "/livekit-client.js"}}"#;
const LOADER: &str = "\nimport init from '/tandem-web-1a2b3c4d5e6f7a8b.js';\nawait init();\n";
const CSS: &str = "/main-9f8e7d6c5b4a3210.css";

/// A built app the way Trunk writes it: an inline import map, an inline
/// module loader, and a hashed stylesheet.
fn write_dist(dir: &Path) {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).expect("create dist");
    let index = format!(
        "<!doctype html><html><head><script type=\"importmap\">{IMPORT_MAP}</script>\
         <link rel=\"stylesheet\" href=\"{CSS}\"><script type=\"module\">{LOADER}</script>\
         </head><body></body></html>"
    );
    std::fs::write(dist.join("index.html"), index).expect("write index");
    std::fs::write(dist.join(&CSS[1..]), "body { margin: 0; }\n").expect("write css");
}

async fn app_with(dir: &Path, vars: &[(&str, &str)]) -> AppState {
    write_dist(dir);
    common::state(common::config(dir, vars)).await
}

fn hash_source(script: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

/// The directives of a policy by name.
fn directive<'a>(policy: &'a str, name: &str) -> &'a str {
    policy
        .split(';')
        .map(str::trim)
        .find(|part| part.split(' ').next() == Some(name))
        .unwrap_or_else(|| panic!("no {name} in {policy}"))
}

#[tokio::test]
async fn the_spa_and_the_api_carry_every_security_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = app_with(dir.path(), &[]).await;

    for path in ["/", "/sessions", CSS, paths::AUTH_ME, "/api/nope"] {
        let response = common::get(&state, path).await;
        let policy = common::header(&response, "content-security-policy");
        assert_eq!(
            directive(policy, "default-src"),
            "default-src 'self'",
            "{path}"
        );
        assert_eq!(
            directive(policy, "object-src"),
            "object-src 'none'",
            "{path}"
        );
        assert_eq!(directive(policy, "base-uri"), "base-uri 'none'", "{path}");
        assert_eq!(
            directive(policy, "form-action"),
            "form-action 'self'",
            "{path}"
        );
        assert_eq!(
            directive(policy, "frame-ancestors"),
            "frame-ancestors 'none'",
            "{path}"
        );
        assert_eq!(directive(policy, "style-src"), "style-src 'self'", "{path}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert_eq!(
            common::header(&response, "x-content-type-options"),
            "nosniff"
        );
        assert_eq!(
            common::header(&response, "referrer-policy"),
            "strict-origin-when-cross-origin"
        );
        assert_eq!(common::header(&response, "x-frame-options"), "DENY");
        assert_eq!(
            common::header(&response, "cross-origin-opener-policy"),
            "same-origin"
        );
        let permissions = common::header(&response, "permissions-policy");
        for allowed in [
            "camera=(self)",
            "microphone=(self)",
            "display-capture=(self)",
        ] {
            assert!(permissions.contains(allowed), "{permissions}");
        }
        assert!(permissions.contains("geolocation=()"), "{permissions}");
        // PUBLIC_URL is http here: no HSTS.
        assert_eq!(common::header(&response, "strict-transport-security"), "");
    }
}

#[tokio::test]
async fn the_policy_allows_exactly_the_inline_scripts_of_the_built_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = app_with(dir.path(), &[]).await;

    let response = common::get(&state, "/").await;
    let policy = common::header(&response, "content-security-policy");
    assert_eq!(
        directive(policy, "script-src"),
        format!(
            "script-src 'self' 'wasm-unsafe-eval' {} {}",
            hash_source(IMPORT_MAP),
            hash_source(LOADER)
        )
    );
    // No LiveKit configured: only this origin.
    assert_eq!(directive(policy, "connect-src"), "connect-src 'self'");
}

#[tokio::test]
async fn the_call_apps_own_inline_scripts_are_allowed_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_dist(dir.path());
    let call_app = dir.path().join("dist").join("call-app");
    std::fs::create_dir_all(&call_app).expect("create call-app");
    let call_loader =
        "\nimport init from '/call-app/tandem-call-1a2b3c4d5e6f7a8b.js';\nawait init();\n";
    // The same import map as the booking app's is listed once.
    std::fs::write(
        call_app.join("index.html"),
        format!(
            "<!doctype html><html><head><script type=\"importmap\">{IMPORT_MAP}</script>\
             <script type=\"module\">{call_loader}</script></head><body></body></html>"
        ),
    )
    .expect("write the call app's index");
    let state = common::state(common::config(dir.path(), &[])).await;

    let response = common::get(&state, "/call/7").await;
    let policy = common::header(&response, "content-security-policy");
    assert_eq!(
        directive(policy, "script-src"),
        format!(
            "script-src 'self' 'wasm-unsafe-eval' {} {} {}",
            hash_source(IMPORT_MAP),
            hash_source(LOADER),
            hash_source(call_loader)
        )
    );
}

#[tokio::test]
async fn livekit_is_reachable_over_websocket_and_https_and_https_gets_hsts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = app_with(
        dir.path(),
        &[
            ("PUBLIC_URL", "https://tandem.example.com"),
            ("LIVEKIT_URL", "wss://tandem.livekit.cloud"),
            ("LIVEKIT_API_KEY", "key"),
            (
                "LIVEKIT_API_SECRET",
                "a-made-up-secret-for-this-test-0123456789",
            ),
        ],
    )
    .await;

    let response = common::get(&state, "/").await;
    let policy = common::header(&response, "content-security-policy");
    assert_eq!(
        directive(policy, "connect-src"),
        "connect-src 'self' wss://tandem.livekit.cloud https://tandem.livekit.cloud"
    );
    assert_eq!(
        common::header(&response, "strict-transport-security"),
        "max-age=31536000"
    );
}

#[tokio::test]
async fn api_answers_are_never_cached_and_hashed_files_stay_immutable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = app_with(dir.path(), &[]).await;

    let me = common::get(&state, paths::AUTH_ME).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(common::header(&me, "cache-control"), "no-store");
    let bookings = common::get(&state, paths::BOOKINGS).await;
    assert_eq!(common::header(&bookings, "cache-control"), "no-store");

    let css = common::get(&state, CSS).await;
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(
        common::header(&css, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let page = common::get(&state, "/").await;
    assert_eq!(common::header(&page, "cache-control"), "no-cache");
}
