//! Names are stored in NFC, and refused with a reason when they hold
//! characters that make them look like something else.

use super::common;
use super::support::TestApp;
use axum::http::StatusCode;
use serde_json::json;
use tandem_api::paths;

#[tokio::test]
async fn registration_stores_the_nfc_form_of_the_name() {
    let app = TestApp::new().await;
    let response = app
        .register("renee@example.com", "Rene\u{301}e Dubois")
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        common::body_json(response).await["full_name"],
        "Ren\u{e9}e Dubois"
    );
    let stored: String = sqlx::query_scalar("SELECT full_name FROM users")
        .fetch_one(app.state.db.writer())
        .await
        .expect("a user");
    assert_eq!(stored, "Ren\u{e9}e Dubois");
}

#[tokio::test]
async fn names_with_tricks_are_refused_with_what_is_wrong() {
    let app = TestApp::new().await;
    let cases = [
        ("Ada\u{202E}ecalevoL", "change the direction of text"),
        ("\u{2067}Ada\u{2069}", "change the direction of text"),
        ("A\u{200B}da", "invisible characters"),
        ("\u{FEFF}Ada", "invisible characters"),
        ("Ada\u{7}Lovelace", "control characters"),
    ];
    for (n, (name, reason)) in cases.into_iter().enumerate() {
        let response = app.register(&format!("p{n}@example.com"), name).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}"
        );
        let body = common::body_json(response).await;
        assert_eq!(body["error"]["fields"][0]["field"], "full_name");
        let message = body["error"]["fields"][0]["message"].as_str().unwrap_or("");
        assert!(message.contains(reason), "{name:?}: {message}");
    }
    assert_eq!(app.count("users").await, 0);
}

#[tokio::test]
async fn changing_the_name_applies_the_same_rules() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let refused = app
        .send_json(
            "PUT",
            paths::ACCOUNT,
            json!({"full_name": "Ada\u{200D}", "time_zone": "Europe/Paris"}),
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let saved = app
        .send_json(
            "PUT",
            paths::ACCOUNT,
            json!({"full_name": " A\u{30A}sa Nilsson ", "time_zone": "Europe/Stockholm"}),
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(
        common::body_json(saved).await["full_name"],
        "\u{c5}sa Nilsson"
    );
}
