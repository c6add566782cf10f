mod common;

use axum::http::StatusCode;
use serde_json::json;
use tandem_api::paths;

/// An app whose LiveKit is a loopback port nobody listens on any more.
async fn with_unreachable_livekit(dir: &std::path::Path) -> tandem_server::AppState {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("free port")
        .port();
    let url = format!("ws://127.0.0.1:{port}");
    let config = common::config(
        dir,
        &[
            ("TANDEM_MODE", "dev"),
            ("LIVEKIT_URL", &url),
            ("LIVEKIT_API_KEY", "devkey"),
            ("LIVEKIT_API_SECRET", "secret"),
        ],
    );
    common::state(config).await
}

#[tokio::test]
async fn database_up_and_livekit_disabled_is_ok() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;

    let response = common::get(&state, paths::HEALTH).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
    assert_eq!(
        common::body_json(response).await,
        json!({"status": "ok", "database": "up", "livekit": "disabled"})
    );
}

#[tokio::test]
async fn unreachable_livekit_is_degraded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = with_unreachable_livekit(dir.path()).await;

    let response = common::get(&state, paths::HEALTH).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        common::body_json(response).await,
        json!({"status": "degraded", "database": "up", "livekit": "down"})
    );
}

#[tokio::test]
async fn closed_database_is_degraded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;
    state.db.close().await;

    let response = common::get(&state, paths::HEALTH).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        common::body_json(response).await,
        json!({"status": "degraded", "database": "down", "livekit": "disabled"})
    );
}

/// The LiveKit server to check against, from `TANDEM_TEST_LIVEKIT_URL`
/// (its keys are the dev server's `devkey: secret`).
fn test_livekit_url() -> String {
    std::env::var("TANDEM_TEST_LIVEKIT_URL").expect("TANDEM_TEST_LIVEKIT_URL is set")
}

#[tokio::test]
#[ignore = "needs a running livekit-server: set TANDEM_TEST_LIVEKIT_URL and run with --ignored"]
async fn a_running_livekit_is_up_and_a_wrong_secret_is_down() {
    let url = test_livekit_url();
    for (secret, expected) in [("secret", "up"), ("not-the-secret", "down")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = common::config(
            dir.path(),
            &[
                ("TANDEM_MODE", "dev"),
                ("LIVEKIT_URL", &url),
                ("LIVEKIT_API_KEY", "devkey"),
                ("LIVEKIT_API_SECRET", secret),
            ],
        );
        let state = common::state(config).await;
        let response = common::get(&state, paths::HEALTH).await;
        let body = common::body_json(response).await;
        assert_eq!(body["livekit"], expected, "{secret}: {body}");
        // Ready either way, with LiveKit's state in the body.
        let response = common::get(&state, paths::HEALTH_READY).await;
        assert_eq!(response.status(), StatusCode::OK);
        let body = common::body_json(response).await;
        assert_eq!(body["status"], "ready", "{secret}: {body}");
        assert_eq!(body["livekit"], expected, "{secret}: {body}");
    }
}

#[tokio::test]
async fn live_answers_even_when_the_database_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;
    state.db.close().await;

    let response = common::get(&state, paths::HEALTH_LIVE).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
    assert_eq!(common::body_json(response).await, json!({"status": "live"}));
}

#[tokio::test]
async fn ready_when_the_database_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;

    let response = common::get(&state, paths::HEALTH_READY).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
    assert_eq!(
        common::body_json(response).await,
        json!({"status": "ready", "database": "up", "livekit": "disabled"})
    );
}

#[tokio::test]
async fn not_ready_when_the_database_does_not_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = common::state(common::config(dir.path(), &[])).await;
    state.db.close().await;

    let response = common::get(&state, paths::HEALTH_READY).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
    assert_eq!(
        common::body_json(response).await,
        json!({"status": "not_ready", "database": "down", "livekit": "disabled"})
    );
}

#[tokio::test]
async fn an_unreachable_livekit_is_reported_but_leaves_the_server_ready() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = with_unreachable_livekit(dir.path()).await;

    let response = common::get(&state, paths::HEALTH_READY).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        common::body_json(response).await,
        json!({"status": "ready", "database": "up", "livekit": "down"})
    );
}
