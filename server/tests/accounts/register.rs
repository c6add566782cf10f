use super::common;
use super::support::{session_cookie, set_cookie, token_in, TestApp, PASSWORD};
use axum::http::StatusCode;
use serde_json::json;
use tandem_api::paths;

#[tokio::test]
async fn register_signs_in_and_emails_a_link_that_confirms() {
    let app = TestApp::new().await;
    let response = app
        .register("  Zoe.Adams@Example.COM ", "  Zoe Adams ")
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let raw_cookie = set_cookie(&response).expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=1209600"] {
        assert!(raw_cookie.contains(attribute), "{attribute}: {raw_cookie}");
    }
    assert!(!raw_cookie.contains("Secure"), "{raw_cookie}");
    let cookie = session_cookie(&response).expect("a session id");

    let user = common::body_json(response).await;
    assert_eq!(user["email"], "zoe.adams@example.com");
    assert_eq!(user["full_name"], "Zoe Adams");
    assert_eq!(user["role"], "client");
    assert_eq!(user["verified"], false);

    let me = app.get(paths::AUTH_ME, Some(&cookie)).await;
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(common::body_json(me).await, user);

    let emails = app.emails().await;
    assert_eq!(emails.len(), 1, "{emails:?}");
    let name = emails[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.ends_with("-zoe.adams@example.com.eml"), "{name}");
    let email = std::fs::read_to_string(&emails[0]).expect("readable email");
    assert!(email.contains("To: zoe.adams@example.com"), "{email}");
    assert!(
        email.contains("From: Tandem <no-reply@localhost>"),
        "{email}"
    );
    assert!(email.contains("Content-Transfer-Encoding: 7bit"), "{email}");

    let confirmed = app
        .post(
            paths::AUTH_VERIFICATION_CONFIRM,
            json!({"token": token_in(&email)}),
            None,
        )
        .await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let confirmed = common::body_json(confirmed).await;
    assert_eq!(confirmed["id"], user["id"]);
    assert_eq!(confirmed["verified"], true);
}

#[tokio::test]
async fn professionals_can_register_too() {
    let app = TestApp::new().await;
    let body = json!({
        "email": "dr.who@example.com",
        "password": PASSWORD,
        "full_name": "Dr. Who",
        "role": "professional",
    });
    let response = app.post(paths::AUTH_REGISTER, body, None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(common::body_json(response).await["role"], "professional");
}

#[tokio::test]
async fn the_cookie_is_secure_when_the_public_url_is_https() {
    let app = TestApp::with_vars(&[("PUBLIC_URL", "https://tandem.example.com")]).await;
    let response = app.register("ada@example.com", "Ada").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let raw_cookie = set_cookie(&response).expect("a session cookie");
    assert!(raw_cookie.contains("Secure"), "{raw_cookie}");
    let email = app.newest_email("ada@example.com").await;
    assert!(
        email.contains("https://tandem.example.com/verify?token="),
        "{email}"
    );
}

#[tokio::test]
async fn a_taken_email_in_another_case_is_409_and_changes_nothing() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    let before = (
        app.count("users").await,
        app.count("sessions").await,
        app.count("verification_tokens").await,
        app.emails().await.len(),
    );

    let response = app.register(" ADA@Example.com", "Another Ada").await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(set_cookie(&response).is_none());
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["code"], "email_taken");

    let after = (
        app.count("users").await,
        app.count("sessions").await,
        app.count("verification_tokens").await,
        app.emails().await.len(),
    );
    assert_eq!(after, before);
}

#[tokio::test]
async fn each_invalid_field_is_422_with_its_json_name() {
    let app = TestApp::new().await;
    let long_name = "n".repeat(101);
    let long_password = "p".repeat(129);
    let cases: [(&str, &str, &str, &[&str]); 6] = [
        ("not-an-email", PASSWORD, "Ada", &["email"]),
        ("ada@example.com", "short", "Ada", &["password"]),
        ("ada@example.com", &long_password, "Ada", &["password"]),
        ("ada@example.com", PASSWORD, "   ", &["full_name"]),
        ("ada@example.com", PASSWORD, &long_name, &["full_name"]),
        ("ada@", "", "", &["email", "password", "full_name"]),
    ];
    for (email, password, full_name, fields) in cases {
        let body = json!({
            "email": email,
            "password": password,
            "full_name": full_name,
            "role": "client",
        });
        let response = app.post(paths::AUTH_REGISTER, body, None).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}"
        );
        let body = common::body_json(response).await;
        assert_eq!(body["error"]["code"], "validation_failed");
        let named: Vec<&str> = body["error"]["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|field| {
                assert!(field["message"].as_str().is_some_and(|m| !m.is_empty()));
                field["field"].as_str().expect("field name")
            })
            .collect();
        assert_eq!(named, fields);
    }
    assert_eq!(app.count("users").await, 0);
    assert_eq!(app.count("sessions").await, 0);
    assert!(app.emails().await.is_empty());
}

#[tokio::test]
async fn an_unknown_role_is_422() {
    let app = TestApp::new().await;
    let body = json!({
        "email": "ada@example.com",
        "password": PASSWORD,
        "full_name": "Ada",
        "role": "admin",
    });
    let response = app.post(paths::AUTH_REGISTER, body, None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("users").await, 0);
}

#[tokio::test]
async fn a_new_registration_ends_the_session_the_browser_had() {
    let app = TestApp::new().await;
    let first = app.signed_up("ada@example.com").await;
    let body = json!({
        "email": "bob@example.com",
        "password": PASSWORD,
        "full_name": "Bob",
        "role": "client",
    });
    let response = app.post(paths::AUTH_REGISTER, body, Some(&first)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let me = app.get(paths::AUTH_ME, Some(&first)).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_guessable_password_is_refused_with_the_reason() {
    let app = TestApp::new().await;
    for (password, reason) in [
        ("password1", "This password is easy to guess"),
        ("zoe.adams-lighthouse-7", "email address"),
        ("lighthouse adams piano", "name"),
    ] {
        let body = json!({
            "email": "zoe.adams@example.com",
            "password": password,
            "full_name": "Zoe Adams",
            "role": "client",
        });
        let response = app.post(paths::AUTH_REGISTER, body, None).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{password}"
        );
        let body = common::body_json(response).await;
        assert_eq!(body["error"]["fields"][0]["field"], "password");
        let message = body["error"]["fields"][0]["message"].as_str().unwrap_or("");
        assert!(message.contains(reason), "{password}: {message}");
    }
    assert_eq!(app.count("users").await, 0);
}
