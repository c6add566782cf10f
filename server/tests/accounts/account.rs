//! `/api/account…`: reading and changing one's own account, the password,
//! and signing out everywhere.

use super::common;
use super::support::{session_cookie, set_cookie, TestApp, PASSWORD};
use axum::http::StatusCode;
use serde_json::json;
use tandem_api::paths;

const NEW_PASSWORD: &str = "plum orbit saddle quietly";

async fn second_session(app: &TestApp, email: &str) -> String {
    let response = app.login_from("192.0.2.1", email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    session_cookie(&response).expect("signed in")
}

#[tokio::test]
async fn every_account_endpoint_needs_a_session() {
    let app = TestApp::new().await;
    let requests = [
        ("GET", paths::ACCOUNT, json!(null)),
        (
            "PUT",
            paths::ACCOUNT,
            json!({"full_name": "X", "time_zone": "UTC"}),
        ),
        ("DELETE", paths::ACCOUNT, json!({"password": PASSWORD})),
        (
            "POST",
            paths::ACCOUNT_PASSWORD,
            json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
        ),
        ("POST", paths::ACCOUNT_SIGN_OUT_EVERYWHERE, json!({})),
    ];
    for (method, path, body) in requests {
        let response = app.send_json(method, path, body, None).await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path}"
        );
        assert_eq!(
            common::body_json(response).await["error"]["code"],
            "unauthorized"
        );
    }
}

#[tokio::test]
async fn the_account_has_no_time_zone_until_one_is_chosen() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let response = app.get(paths::ACCOUNT, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let account = common::body_json(response).await;
    assert_eq!(account["email"], "ada@example.com");
    assert_eq!(account["full_name"], "Test Person");
    assert_eq!(account["role"], "client");
    assert_eq!(account["time_zone"], serde_json::Value::Null);
}

#[tokio::test]
async fn the_name_and_time_zone_are_saved() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let body = json!({"full_name": "  Ada King ", "time_zone": "America/Argentina/Buenos_Aires"});
    let response = app
        .send_json("PUT", paths::ACCOUNT, body, Some(&cookie))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let saved = common::body_json(response).await;
    assert_eq!(saved["full_name"], "Ada King");
    assert_eq!(saved["time_zone"], "America/Argentina/Buenos_Aires");

    let account = common::body_json(app.get(paths::ACCOUNT, Some(&cookie)).await).await;
    assert_eq!(account, saved);
    let me = common::body_json(app.get(paths::AUTH_ME, Some(&cookie)).await).await;
    assert_eq!(me["full_name"], "Ada King");
}

#[tokio::test]
async fn an_unknown_time_zone_or_empty_name_is_422_and_changes_nothing() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let body = json!({"full_name": "   ", "time_zone": "Mars/Olympus_Mons"});
    let response = app
        .send_json("PUT", paths::ACCOUNT, body, Some(&cookie))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::body_json(response).await;
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["full_name", "time_zone"]);
    let account = common::body_json(app.get(paths::ACCOUNT, Some(&cookie)).await).await;
    assert_eq!(account["full_name"], "Test Person");
    assert_eq!(account["time_zone"], serde_json::Value::Null);
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let app = TestApp::new().await;
    let this_one = app.signed_up("ada@example.com").await;
    let other = second_session(&app, "ada@example.com").await;

    let body = json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD});
    let response = app
        .send_json("POST", paths::ACCOUNT_PASSWORD, body, Some(&this_one))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(app.signed_in(&this_one).await, "this session stays");
    assert!(!app.signed_in(&other).await, "the other one ended");

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
async fn a_wrong_current_password_is_422_and_changes_nothing() {
    let app = TestApp::new().await;
    let this_one = app.signed_up("ada@example.com").await;
    let other = second_session(&app, "ada@example.com").await;
    let body = json!({"current_password": "not my password", "new_password": NEW_PASSWORD});
    let response = app
        .send_json("POST", paths::ACCOUNT_PASSWORD, body, Some(&this_one))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["fields"][0]["field"], "current_password");
    assert!(app.signed_in(&other).await);
    let login = app
        .login_from("192.0.2.2", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_weak_new_password_is_refused_with_a_reason() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    for (password, reason) in [
        ("qwertyuiop", "This password is easy to guess"),
        ("ada-sunflower-mountain-9", "email address"),
        ("personal test cheese 4", "name"),
    ] {
        let body = json!({"current_password": PASSWORD, "new_password": password});
        let response = app
            .send_json("POST", paths::ACCOUNT_PASSWORD, body, Some(&cookie))
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{password}"
        );
        let body = common::body_json(response).await;
        assert_eq!(body["error"]["fields"][0]["field"], "new_password");
        let message = body["error"]["fields"][0]["message"].as_str().unwrap_or("");
        assert!(message.contains(reason), "{password}: {message}");
    }
}

#[tokio::test]
async fn wrong_current_passwords_are_limited() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let wrong = json!({"current_password": "not my password", "new_password": NEW_PASSWORD});
    for _ in 0..5 {
        let response = app
            .send_json(
                "POST",
                paths::ACCOUNT_PASSWORD,
                wrong.clone(),
                Some(&cookie),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password waits now.
    let right = json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD});
    let response = app
        .send_json(
            "POST",
            paths::ACCOUNT_PASSWORD,
            right.clone(),
            Some(&cookie),
        )
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(!common::header(&response, "retry-after").is_empty());
    app.advance(chrono::Duration::minutes(15));
    let response = app
        .send_json("POST", paths::ACCOUNT_PASSWORD, right, Some(&cookie))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_including_this_one() {
    let app = TestApp::new().await;
    let this_one = app.signed_up("ada@example.com").await;
    let other = second_session(&app, "ada@example.com").await;
    let bystander = app.signed_up("bob@example.com").await;

    let response = app
        .send_json(
            "POST",
            paths::ACCOUNT_SIGN_OUT_EVERYWHERE,
            json!({}),
            Some(&this_one),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = set_cookie(&response).expect("the cookie is cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert!(!app.signed_in(&this_one).await);
    assert!(!app.signed_in(&other).await);
    assert!(
        app.signed_in(&bystander).await,
        "other accounts are untouched"
    );
}
