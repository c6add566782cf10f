//! Resetting a forgotten password through the emailed link.

use super::common;
use super::support::{session_cookie, set_cookie, TestApp, PASSWORD, RESET_LINK};
use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;
use tandem_api::paths;

const NEW_PASSWORD: &str = "plum orbit saddle quietly";

#[tokio::test]
async fn known_and_unknown_emails_get_the_same_202_and_only_accounts_get_mail() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;

    let known = app.ask_reset(" Ada@Example.com ").await;
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    let known = common::body_bytes(known).await;
    let unknown = app.ask_reset("nobody@example.com").await;
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let unknown = common::body_bytes(unknown).await;
    assert_eq!(known, unknown);
    let body: serde_json::Value = serde_json::from_slice(&known).expect("JSON");
    assert!(body["message"]
        .as_str()
        .is_some_and(|m| m.contains("If this address has a Tandem account")));

    let email = app.email_containing("ada@example.com", RESET_LINK).await;
    assert!(
        email.contains("Subject: Reset your Tandem password"),
        "{email}"
    );
    assert!(email.contains("expires in 60 minutes"), "{email}");
    assert!(app.find_email("nobody@example.com", "").await.is_none());
    assert_eq!(app.count("password_reset_tokens").await, 1);
}

#[tokio::test]
async fn a_malformed_address_is_422() {
    let app = TestApp::new().await;
    let response = app.ask_reset("not-an-email").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["fields"][0]["field"], "email");
}

#[tokio::test]
async fn the_link_sets_the_password_ends_every_session_and_signs_this_browser_in() {
    let app = TestApp::new().await;
    let first = app.signed_up("ada@example.com").await;
    let second = session_cookie(
        &app.login_from("192.0.2.1", "ada@example.com", PASSWORD)
            .await,
    )
    .expect("signed in again");
    assert!(app.signed_in(&first).await && app.signed_in(&second).await);

    app.ask_reset("ada@example.com").await;
    let token = app.reset_token("ada@example.com").await;
    // Tokens are long and random; the database keeps only their hash.
    assert!(token.len() >= 43, "{token}");
    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_hash FROM password_reset_tokens")
        .fetch_one(app.state.db.writer())
        .await
        .expect("a token row");
    assert_ne!(stored, token.as_bytes());

    let response = app.confirm_reset(&token, NEW_PASSWORD, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let raw_cookie = set_cookie(&response).expect("a session cookie");
    assert!(raw_cookie.contains("HttpOnly"), "{raw_cookie}");
    let this_browser = session_cookie(&response).expect("a session id");
    let user = common::body_json(response).await;
    assert_eq!(user["email"], "ada@example.com");
    // The emailed link proved the address.
    assert_eq!(user["verified"], true);

    assert!(!app.signed_in(&first).await, "the first session ended");
    assert!(!app.signed_in(&second).await, "the second session ended");
    assert!(app.signed_in(&this_browser).await);
    assert_eq!(app.count("sessions").await, 1);

    let old = app
        .login_from("192.0.2.2", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = app
        .login_from("192.0.2.2", "ada@example.com", NEW_PASSWORD)
        .await;
    assert_eq!(new.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_link_works_once() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    app.ask_reset("ada@example.com").await;
    let token = app.reset_token("ada@example.com").await;

    let first = app.confirm_reset(&token, NEW_PASSWORD, None).await;
    assert_eq!(first.status(), StatusCode::OK);
    let again = app
        .confirm_reset(&token, "another fine passphrase 7", None)
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(set_cookie(&again).is_none());
    assert_eq!(
        common::body_json(again).await["error"]["code"],
        "invalid_token"
    );
    let login = app
        .login_from("192.0.2.2", "ada@example.com", NEW_PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::OK, "the first password stays");
}

#[tokio::test]
async fn using_one_link_retires_the_others() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    app.ask_reset("ada@example.com").await;
    let older = app.reset_token("ada@example.com").await;
    app.advance(Duration::seconds(5));
    app.ask_reset("ada@example.com").await;
    let mut newer = app.reset_token("ada@example.com").await;
    for _ in 0..100 {
        if newer != older {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        newer = app.reset_token("ada@example.com").await;
    }
    assert_ne!(older, newer);

    let used = app.confirm_reset(&newer, NEW_PASSWORD, None).await;
    assert_eq!(used.status(), StatusCode::OK);
    let stale = app
        .confirm_reset(&older, "another fine passphrase 7", None)
        .await;
    assert_eq!(stale.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_link_expires_after_one_hour() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    app.ask_reset("ada@example.com").await;
    let token = app.reset_token("ada@example.com").await;

    app.advance(Duration::hours(1));
    let late = app.confirm_reset(&token, NEW_PASSWORD, None).await;
    assert_eq!(late.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        common::body_json(late).await["error"]["code"],
        "invalid_token"
    );
    // Nothing changed: the session is alive, the old password works.
    assert!(app.signed_in(&cookie).await);
    let login = app
        .login_from("192.0.2.2", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_link_still_works_just_before_the_hour_is_over() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    app.ask_reset("ada@example.com").await;
    let token = app.reset_token("ada@example.com").await;
    app.advance(Duration::minutes(59) + Duration::seconds(59));
    let response = app.confirm_reset(&token, NEW_PASSWORD, None).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_and_mangled_tokens_are_invalid() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    app.ask_reset("ada@example.com").await;
    let token = app.reset_token("ada@example.com").await;
    for bad in [
        String::new(),
        "A".repeat(43),
        token[..20].to_owned(),
        format!("{token}x"),
    ] {
        let response = app.confirm_reset(&bad, NEW_PASSWORD, None).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad:?}");
        assert_eq!(
            common::body_json(response).await["error"]["code"],
            "invalid_token"
        );
    }
}

#[tokio::test]
async fn a_weak_new_password_is_refused_with_a_reason_and_the_link_stays_usable() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    app.ask_reset("ada@example.com").await;
    let token = app.reset_token("ada@example.com").await;

    let weak = app.confirm_reset(&token, "password123", None).await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::body_json(weak).await;
    assert_eq!(body["error"]["fields"][0]["field"], "password");
    let message = body["error"]["fields"][0]["message"]
        .as_str()
        .expect("a message");
    assert!(
        message.starts_with("This password is easy to guess"),
        "{message}"
    );
    assert!(app.signed_in(&cookie).await, "nothing ended");

    let strong = app.confirm_reset(&token, NEW_PASSWORD, None).await;
    assert_eq!(strong.status(), StatusCode::OK);
}

#[tokio::test]
async fn requests_are_limited_per_email() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    for ip in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        let response = app
            .post_from(
                ip,
                paths::AUTH_PASSWORD_RESET,
                json!({"email": "ada@example.com"}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::ACCEPTED);
    }
    let limited = app
        .post_from(
            "192.0.2.4",
            paths::AUTH_PASSWORD_RESET,
            json!({"email": "ADA@example.com"}),
        )
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(common::header(&limited, "retry-after"), "3600");
    let body = common::body_json(limited).await;
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("Too many password reset requests")));

    // Another address is not affected, and the limit lifts after the hour.
    let other = app.ask_reset("bob@example.com").await;
    assert_eq!(other.status(), StatusCode::ACCEPTED);
    app.advance(Duration::hours(1));
    assert_eq!(
        app.ask_reset("ada@example.com").await.status(),
        StatusCode::ACCEPTED
    );
}

#[tokio::test]
async fn requests_are_limited_per_client_address() {
    let app = TestApp::new().await;
    for n in 0..10 {
        let body = json!({"email": format!("person{n}@example.com")});
        let response = app
            .post_from("198.51.100.7", paths::AUTH_PASSWORD_RESET, body)
            .await;
        assert_eq!(response.status(), StatusCode::ACCEPTED, "{n}");
    }
    let body = json!({"email": "person10@example.com"});
    let limited = app
        .post_from("198.51.100.7", paths::AUTH_PASSWORD_RESET, body.clone())
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(!common::header(&limited, "retry-after").is_empty());

    let elsewhere = app
        .post_from("198.51.100.8", paths::AUTH_PASSWORD_RESET, body)
        .await;
    assert_eq!(elsewhere.status(), StatusCode::ACCEPTED);
}
