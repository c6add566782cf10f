mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::path::Path;
use tandem_server::AppState;

const INDEX: &str =
    "<!DOCTYPE html><html><head><title>Tandem</title></head><body>the app shell</body></html>\n";
const WASM: &str = "/tandem-web-3c5f0e9a1b2d4e6f_bg.wasm";
const CSS: &str = "/main-9f8e7d6c5b4a3210.css";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A built SPA: index.html, a hashed wasm and css, an unhashed script.
fn write_dist(dir: &Path) {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).expect("create dist");
    std::fs::write(dist.join("index.html"), INDEX).expect("write index");
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    std::fs::write(dist.join(&WASM[1..]), wasm).expect("write wasm");
    std::fs::write(dist.join(&CSS[1..]), "body { margin: 0; }\n".repeat(50)).expect("write css");
    std::fs::write(dist.join("livekit-client.js"), "export const x = 1;\n").expect("write js");
}

async fn spa_state(dir: &Path) -> AppState {
    write_dist(dir);
    common::state(common::config(dir, &[])).await
}

async fn get_with(state: &AppState, path: &str, accept_encoding: &str) -> axum::response::Response {
    let request = Request::get(path)
        .header("accept-encoding", accept_encoding)
        .body(Body::empty())
        .expect("valid request");
    common::send(state, request).await
}

#[tokio::test]
async fn hashed_files_are_immutable_with_their_content_type() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = spa_state(dir.path()).await;

    let wasm = common::get(&state, WASM).await;
    assert_eq!(wasm.status(), StatusCode::OK);
    assert_eq!(common::header(&wasm, "content-type"), "application/wasm");
    assert_eq!(common::header(&wasm, "cache-control"), IMMUTABLE);

    let css = common::get(&state, CSS).await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(common::header(&css, "content-type").starts_with("text/css"));
    assert_eq!(common::header(&css, "cache-control"), IMMUTABLE);
}

#[tokio::test]
async fn index_and_unhashed_files_are_revalidated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = spa_state(dir.path()).await;

    for path in ["/", "/index.html"] {
        assert_page(&state, path, INDEX).await;
    }

    let script = common::get(&state, "/livekit-client.js").await;
    assert_eq!(script.status(), StatusCode::OK);
    assert_eq!(common::header(&script, "cache-control"), "no-cache");
}

#[tokio::test]
async fn client_side_routes_get_the_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = spa_state(dir.path()).await;

    for path in ["/some/client/route", "/call/42", "/verify?token=abc"] {
        assert_page(&state, path, INDEX).await;
    }
}

/// `path` answers 200 with `page`, as HTML revalidated on every use.
async fn assert_page(state: &AppState, path: &str, page: &str) {
    let response = common::get(state, path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert!(
        common::header(&response, "content-type").starts_with("text/html"),
        "{path}"
    );
    assert_eq!(
        common::header(&response, "cache-control"),
        "no-cache",
        "{path}"
    );
    assert_eq!(
        common::body_bytes(response).await,
        page.as_bytes(),
        "{path}"
    );
}

const CALL_APP_INDEX: &str =
    "<!DOCTYPE html><html><head><title>Tandem</title></head><body>the call app</body></html>\n";

#[tokio::test]
async fn call_addresses_get_the_call_apps_page_when_it_is_built() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_dist(dir.path());
    let call_app = dir.path().join("dist").join("call-app");
    std::fs::create_dir_all(&call_app).expect("create call-app");
    std::fs::write(call_app.join("index.html"), CALL_APP_INDEX).expect("write call app");
    let state = common::state(common::config(dir.path(), &[])).await;

    for (path, page) in [
        ("/call/42", CALL_APP_INDEX),
        ("/call/42?x=1", CALL_APP_INDEX),
        ("/calls/42", INDEX),
        // Not built here: the booking app draws it.
        ("/account", INDEX),
        ("/sessions", INDEX),
        ("/", INDEX),
    ] {
        assert_page(&state, path, page).await;
    }
}

#[tokio::test]
async fn a_missing_hashed_file_is_never_cached_as_immutable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = spa_state(dir.path()).await;

    let response = common::get(&state, "/main-0123456789abcdef.css").await;
    assert_ne!(common::header(&response, "cache-control"), IMMUTABLE);
}

#[tokio::test]
async fn unknown_api_paths_answer_json_404() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = spa_state(dir.path()).await;

    for (method, path) in [
        ("GET", "/api/nope"),
        ("POST", "/api/nope/deeper"),
        ("GET", "/api"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .expect("valid request");
        let response = common::send(&state, request).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        assert!(common::header(&response, "content-type").starts_with("application/json"));
        let body = common::body_json(response).await;
        assert_eq!(body["error"]["code"], "not_found", "{method} {path}");
    }
}

/// The answer is a 200 sent with `encoding` ("" for none), a content type
/// starting with `content_type` and the cache policy `cache`.
fn assert_sent(
    response: &axum::response::Response,
    encoding: &str,
    content_type: &str,
    cache: &str,
    what: &str,
) {
    assert_eq!(response.status(), StatusCode::OK, "{what}");
    assert_eq!(
        common::header(response, "content-encoding"),
        encoding,
        "{what}"
    );
    assert!(
        common::header(response, "content-type").starts_with(content_type),
        "{what}"
    );
    assert_eq!(common::header(response, "cache-control"), cache, "{what}");
}

#[tokio::test]
async fn responses_are_compressed_on_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = spa_state(dir.path()).await;

    let wasm = get_with(&state, WASM, "gzip").await;
    assert_sent(&wasm, "gzip", "application/wasm", IMMUTABLE, WASM);
    assert!(common::body_bytes(wasm).await.len() < 4096);

    let css = get_with(&state, CSS, "br").await;
    assert_eq!(common::header(&css, "content-encoding"), "br");

    let index = get_with(&state, "/some/client/route", "gzip").await;
    assert_eq!(common::header(&index, "content-encoding"), "gzip");

    let plain = common::get(&state, WASM).await;
    assert_eq!(common::header(&plain, "content-encoding"), "");
}

#[tokio::test]
async fn without_a_build_pages_say_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;

    for path in ["/", "/some/client/route"] {
        let response = common::get(&state, path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(common::header(&response, "content-type").starts_with("text/plain"));
        let body = String::from_utf8(common::body_bytes(response).await).expect("utf-8");
        assert!(body.contains("not built"), "{body}");
    }

    let api = common::get(&state, "/api/nope").await;
    assert_eq!(common::body_json(api).await["error"]["code"], "not_found");
}

/// Stand-ins for the build's `.br` and `.gz` files: not real compressed
/// data, so a test can tell them from anything compressed on the fly.
const WASM_BR: &[u8] = b"the wasm's precompressed brotli bytes";
const WASM_GZ: &[u8] = b"the wasm's precompressed gzip bytes";
const INDEX_BR: &[u8] = b"the index's precompressed brotli bytes";

/// [`write_dist`] plus precompressed variants of the wasm and the index
/// (the css has none).
async fn precompressed_state(dir: &Path) -> AppState {
    let state = spa_state(dir).await;
    let dist = dir.join("dist");
    std::fs::write(dist.join(format!("{}.br", &WASM[1..])), WASM_BR).expect("write .br");
    std::fs::write(dist.join(format!("{}.gz", &WASM[1..])), WASM_GZ).expect("write .gz");
    std::fs::write(dist.join("index.html.br"), INDEX_BR).expect("write index .br");
    state
}

fn varies_on_accept_encoding(response: &axum::response::Response) -> bool {
    response.headers().get_all("vary").iter().any(|value| {
        value
            .to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    })
}

#[tokio::test]
async fn a_precompressed_file_is_sent_as_it_is_to_a_browser_that_accepts_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = precompressed_state(dir.path()).await;

    // Chromium's header, also on http://127.0.0.1.
    let brotli = get_with(&state, WASM, "gzip, deflate, br, zstd").await;
    assert_sent(&brotli, "br", "application/wasm", IMMUTABLE, WASM);
    assert!(varies_on_accept_encoding(&brotli));
    assert_eq!(common::body_bytes(brotli).await, WASM_BR);

    let gzip = get_with(&state, WASM, "gzip").await;
    assert_eq!(common::header(&gzip, "content-encoding"), "gzip");
    assert_eq!(common::header(&gzip, "cache-control"), IMMUTABLE);
    assert_eq!(common::body_bytes(gzip).await, WASM_GZ);
}

#[tokio::test]
async fn without_accept_encoding_the_plain_file_is_sent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = precompressed_state(dir.path()).await;

    let plain = common::get(&state, WASM).await;
    assert_sent(&plain, "", "application/wasm", IMMUTABLE, WASM);
    assert!(varies_on_accept_encoding(&plain));
    let body = common::body_bytes(plain).await;
    assert!(body.starts_with(b"\0asm"));
    assert_eq!(body.len(), 8 + 4096);
}

#[tokio::test]
async fn the_index_of_client_side_routes_is_sent_precompressed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = precompressed_state(dir.path()).await;

    for path in ["/", "/login", "/professionals/7"] {
        let response = get_with(&state, path, "br").await;
        assert_sent(&response, "br", "text/html", "no-cache", path);
        assert!(varies_on_accept_encoding(&response), "{path}");
        assert_eq!(common::body_bytes(response).await, INDEX_BR, "{path}");
    }

    let plain = common::get(&state, "/login").await;
    assert_eq!(common::body_bytes(plain).await, INDEX.as_bytes());
}

#[tokio::test]
async fn a_file_without_a_variant_is_still_compressed_on_the_fly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = precompressed_state(dir.path()).await;

    let css = get_with(&state, CSS, "br").await;
    assert_eq!(common::header(&css, "content-encoding"), "br");
    assert_eq!(common::header(&css, "cache-control"), IMMUTABLE);
    let body = common::body_bytes(css).await;
    assert!(body.len() < "body { margin: 0; }\n".len() * 50 / 4);
}
