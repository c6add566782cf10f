//! A method a path does not have is refused like any other request: 405
//! with the JSON error body and the `Allow` header (found by the API fuzzer:
//! axum's own 405 has an empty body).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use tandem_api::paths;

#[tokio::test]
async fn an_unsupported_method_answers_the_error_body_and_allow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;

    let request = Request::put(paths::AUTH_ME)
        .body(Body::empty())
        .expect("valid request");
    let response = common::send(&state, request).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(common::header(&response, "allow"), "GET,HEAD");
    assert_eq!(
        common::header(&response, "content-type"),
        "application/json"
    );
    assert_eq!(
        common::body_json(response).await,
        json!({"error": {"code": "method_not_allowed", "message": "This path does not take this method."}})
    );
}

#[tokio::test]
async fn unknown_api_paths_still_answer_not_found_for_every_method() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;

    let request = Request::delete("/api/no-such-thing")
        .body(Body::empty())
        .expect("valid request");
    let response = common::send(&state, request).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        common::body_json(response).await["error"]["code"],
        "not_found"
    );
}
