use super::common;
use super::support::{session_cookie, session_id, TestApp, PASSWORD};
use axum::http::StatusCode;
use chrono::Duration;
use tandem_api::paths;
use tandem_server::clock::Clock;

const OWNER_IP: &str = "192.0.2.10";
const STRANGER_IP: &str = "198.51.100.66";

#[tokio::test]
async fn every_login_starts_a_new_session() {
    let app = TestApp::new().await;
    let registered = app.signed_up("ada@example.com").await;

    let first = app.login_from(OWNER_IP, "ADA@example.com ", PASSWORD).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first_cookie = session_cookie(&first).expect("a session cookie");
    let user = common::body_json(first).await;
    assert_eq!(user["email"], "ada@example.com");

    let second = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(second.status(), StatusCode::OK);
    let second_cookie = session_cookie(&second).expect("a session cookie");

    assert_ne!(session_id(&first_cookie), session_id(&second_cookie));
    assert_ne!(session_id(&first_cookie), session_id(&registered));
    for cookie in [&first_cookie, &second_cookie] {
        let me = app.get(paths::AUTH_ME, Some(cookie)).await;
        assert_eq!(me.status(), StatusCode::OK);
        assert_eq!(common::body_json(me).await["id"], user["id"]);
    }
}

#[tokio::test]
async fn signing_in_without_connection_info_works() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    let body = serde_json::json!({"email": "ada@example.com", "password": PASSWORD});
    let response = app.post(paths::AUTH_LOGIN, body, None).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;

    let wrong_password = app
        .login_from(OWNER_IP, "ada@example.com", "not the password")
        .await;
    let unknown_email = app
        .login_from(OWNER_IP, "nobody@example.com", "not the password")
        .await;
    for response in [&wrong_password, &unknown_email] {
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(session_cookie(response).is_none());
    }
    let wrong_password = common::body_bytes(wrong_password).await;
    let unknown_email = common::body_bytes(unknown_email).await;
    assert_eq!(wrong_password, unknown_email);
    let body: serde_json::Value = serde_json::from_slice(&wrong_password).expect("JSON");
    assert_eq!(body["error"]["code"], "invalid_credentials");
}

#[tokio::test]
async fn repeated_failures_are_throttled_until_the_window_rolls() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;

    // Five failures, one a minute.
    for _ in 0..5 {
        let response = app.login_from(OWNER_IP, "ada@example.com", "wrong").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        app.advance(Duration::minutes(1));
    }
    // Five minutes after the first failure: blocked for ten more, even
    // with the right password.
    let blocked = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(common::header(&blocked, "retry-after"), "600");
    let body = common::body_json(blocked).await;
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_eq!(body["error"]["retry_after_seconds"], 600);

    // An unknown email is throttled the same way, so 429 reveals nothing.
    for _ in 0..5 {
        app.login_from(OWNER_IP, "nobody@example.com", "wrong")
            .await;
    }
    let unknown = app
        .login_from(OWNER_IP, "nobody@example.com", "wrong")
        .await;
    assert_eq!(unknown.status(), StatusCode::TOO_MANY_REQUESTS);

    // Just before the first failure leaves the window: still blocked.
    app.advance(Duration::minutes(10) - Duration::seconds(1));
    let still = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(still.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(common::header(&still, "retry-after"), "1");

    // Then one attempt is free again.
    app.advance(Duration::seconds(1));
    let wrong = app.login_from(OWNER_IP, "ada@example.com", "wrong").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let blocked = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);

    // Fifteen minutes after the last failure, the block is gone.
    app.advance(Duration::minutes(15));
    let response = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_success_clears_the_failures_of_that_client() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    for round in 0..2 {
        for _ in 0..4 {
            let response = app.login_from(OWNER_IP, "ada@example.com", "wrong").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "round {round}");
        }
        let response = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "round {round}");
    }
}

#[tokio::test]
async fn a_stranger_cannot_lock_the_owner_out_before_the_email_cap() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;

    for _ in 0..5 {
        app.login_from(STRANGER_IP, "ada@example.com", "guess")
            .await;
    }
    let stranger = app
        .login_from(STRANGER_IP, "ada@example.com", "guess")
        .await;
    assert_eq!(stranger.status(), StatusCode::TOO_MANY_REQUESTS);
    let owner = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(owner.status(), StatusCode::OK);

    // Strangers at three more addresses: twenty failures for the email.
    for ip in ["198.51.100.67", "198.51.100.68", "198.51.100.69"] {
        for _ in 0..5 {
            let response = app.login_from(ip, "ada@example.com", "guess").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{ip}");
        }
    }
    let owner = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(owner.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = common::header(&owner, "retry-after")
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=15 * 60).contains(&wait), "{wait}");

    app.advance(Duration::minutes(15));
    let owner = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(owner.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_demo_accounts_can_sign_in() {
    use tandem_server::demo_data::{seed_demo_data, DEMO_PASSWORD};
    let app = TestApp::new().await;
    seed_demo_data(&app.state.db, app.clock.now())
        .await
        .expect("demo data");
    for (email, verified) in [("ada@example.com", true), ("sam@example.com", false)] {
        let response = app.login_from(OWNER_IP, email, DEMO_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "{email}");
        assert_eq!(common::body_json(response).await["verified"], verified);
    }
}
