use super::common;
use super::support::{post_with_headers, TestApp, PASSWORD};
use axum::http::StatusCode;
use serde_json::{json, Value};
use tandem_api::paths;

fn registration(email: &str) -> Value {
    json!({
        "email": email,
        "password": PASSWORD,
        "full_name": "Ada",
        "role": "client",
    })
}

async fn register_with(app: &TestApp, email: &str, headers: &[(&str, &str)]) -> StatusCode {
    let request = post_with_headers(paths::AUTH_REGISTER, &registration(email), headers);
    app.send(request).await.status()
}

#[tokio::test]
async fn fetch_metadata_of_another_site_is_refused_and_creates_nothing() {
    let app = TestApp::new().await;
    for site in ["cross-site", "same-site"] {
        let request = post_with_headers(
            paths::AUTH_REGISTER,
            &registration("ada@example.com"),
            // A forged request from a page elsewhere, even one naming our origin.
            &[
                ("sec-fetch-site", site),
                ("origin", "http://127.0.0.1:3000"),
            ],
        );
        let response = app.send(request).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{site}");
        let body = common::body_json(response).await;
        assert_eq!(body["error"]["code"], "cross_site_request", "{site}");
    }
    assert_eq!(app.count("users").await, 0);
    assert_eq!(app.count("sessions").await, 0);
    assert!(app.emails().await.is_empty());
}

#[tokio::test]
async fn another_origin_is_refused() {
    let app = TestApp::new().await;
    for origin in [
        "https://evil.example.com",
        "http://127.0.0.1:3001",
        "https://127.0.0.1:3000",
        "null",
    ] {
        let status = register_with(&app, "ada@example.com", &[("origin", origin)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{origin}");
    }
    assert_eq!(app.count("users").await, 0);
}

#[tokio::test]
async fn same_origin_requests_are_served() {
    let app = TestApp::new().await;
    let cases: [(&str, &[(&str, &str)]); 3] = [
        (
            "a@example.com",
            &[
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://127.0.0.1:3000"),
            ],
        ),
        ("b@example.com", &[("sec-fetch-site", "none")]),
        ("c@example.com", &[("origin", "http://127.0.0.1:3000")]),
    ];
    for (email, headers) in cases {
        let status = register_with(&app, email, headers).await;
        assert_eq!(status, StatusCode::CREATED, "{headers:?}");
    }
}

#[tokio::test]
async fn requests_without_either_header_are_served() {
    let app = TestApp::new().await;
    let status = register_with(&app, "ada@example.com", &[]).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn every_state_changing_api_request_is_checked() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    for path in [
        paths::AUTH_LOGIN,
        paths::AUTH_LOGOUT,
        paths::AUTH_VERIFICATION,
        paths::AUTH_VERIFICATION_CONFIRM,
        "/api/not-yet-a-route",
    ] {
        let request = super::support::post_request(path, Some(&cookie))
            .header("sec-fetch-site", "cross-site")
            .body(axum::body::Body::from("{}"))
            .expect("valid request");
        let response = app.send(request).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    // The session survived the forged logout.
    let me = app.get(paths::AUTH_ME, Some(&cookie)).await;
    assert_eq!(me.status(), StatusCode::OK);
}

#[tokio::test]
async fn reads_and_the_livekit_webhook_are_not_checked() {
    let app = TestApp::new().await;
    let me = axum::http::Request::get(paths::AUTH_ME)
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::empty())
        .expect("valid request");
    assert_eq!(app.send(me).await.status(), StatusCode::UNAUTHORIZED);

    let webhook = post_with_headers(
        paths::LIVEKIT_WEBHOOK,
        &json!({}),
        &[("sec-fetch-site", "cross-site")],
    );
    assert_ne!(app.send(webhook).await.status(), StatusCode::FORBIDDEN);
}
