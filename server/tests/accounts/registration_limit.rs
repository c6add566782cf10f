//! Registrations per client address, per rolling hour.

use super::common;
use super::support::{TestApp, PASSWORD};
use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;
use tandem_api::paths;

fn registration(n: usize) -> serde_json::Value {
    json!({
        "email": format!("person{n}@example.com"),
        "password": PASSWORD,
        "full_name": format!("Person {n}"),
        "role": "client",
    })
}

#[tokio::test]
async fn the_eleventh_registration_from_one_address_in_an_hour_is_429() {
    let app = TestApp::new().await;
    for n in 0..10 {
        let response = app
            .post_from("203.0.113.5", paths::AUTH_REGISTER, registration(n))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "{n}");
        app.advance(Duration::minutes(1));
    }
    let limited = app
        .post_from("203.0.113.5", paths::AUTH_REGISTER, registration(10))
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    // The first of the ten leaves the window 50 minutes from now.
    assert_eq!(common::header(&limited, "retry-after"), "3000");
    let body = common::body_json(limited).await;
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_eq!(
        body["error"]["message"],
        "Too many accounts were created from your network. Try again in 50 minutes."
    );
    assert_eq!(app.count("users").await, 10);

    let elsewhere = app
        .post_from("203.0.113.6", paths::AUTH_REGISTER, registration(10))
        .await;
    assert_eq!(elsewhere.status(), StatusCode::CREATED);

    app.advance(Duration::minutes(50));
    let later = app
        .post_from("203.0.113.5", paths::AUTH_REGISTER, registration(11))
        .await;
    assert_eq!(later.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn refused_registrations_count_too() {
    let app = TestApp::with_vars(&[("REGISTRATION_LIMIT_PER_HOUR", "2")]).await;
    let taken = app
        .post_from("203.0.113.5", paths::AUTH_REGISTER, registration(0))
        .await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    // Probing whether an address has an account is limited as well.
    let again = app
        .post_from("203.0.113.5", paths::AUTH_REGISTER, registration(0))
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let limited = app
        .post_from("203.0.113.5", paths::AUTH_REGISTER, registration(1))
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("users").await, 1);
}
