use super::common;
use super::support::{session_cookie, set_cookie, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use tandem_api::paths;

#[tokio::test]
async fn me_without_a_session_is_401() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    let made_up = format!("tandem_session={}", "A".repeat(43));
    for cookie in [
        None,
        Some("tandem_session="),
        Some("tandem_session=garbage"),
        Some(made_up.as_str()),
        Some("other=1"),
    ] {
        let response = app.get(paths::AUTH_ME, cookie).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{cookie:?}");
        let body = common::body_json(response).await;
        assert_eq!(body["error"]["code"], "unauthorized", "{cookie:?}");
    }
}

#[tokio::test]
async fn me_reads_the_session_among_other_cookies() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let cookies = format!("theme=dark; {cookie}; lang=en");
    let response = app.get(paths::AUTH_ME, Some(&cookies)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        common::body_json(response).await["email"],
        "ada@example.com"
    );
}

#[tokio::test]
async fn logout_ends_the_session_server_side() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    assert_eq!(app.count("sessions").await, 1);

    let response = app
        .post(paths::AUTH_LOGOUT, serde_json::json!({}), Some(&cookie))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = set_cookie(&response).expect("the cookie is cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert!(session_cookie(&response).is_none(), "{cleared}");
    assert_eq!(app.count("sessions").await, 0);

    // The old cookie, replayed, no longer signs anybody in.
    let me = app.get(paths::AUTH_ME, Some(&cookie)).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logout_without_a_session_is_204() {
    let app = TestApp::new().await;
    for cookie in [None, Some("tandem_session=unknown")] {
        let request = axum::http::Request::post(paths::AUTH_LOGOUT);
        let request = match cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        };
        let response = app
            .send(request.body(axum::body::Body::empty()).expect("valid"))
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{cookie:?}");
    }
}

#[tokio::test]
async fn a_session_expires_after_fourteen_days_and_is_removed() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;

    app.advance(Duration::days(14) - Duration::seconds(1));
    let response = app.get(paths::AUTH_ME, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);

    app.advance(Duration::seconds(1));
    let response = app.get(paths::AUTH_ME, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("sessions").await, 0);
}
