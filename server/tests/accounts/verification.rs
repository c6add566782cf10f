use super::common;
use super::support::{start_time, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;
use tandem_api::paths;

async fn confirm(app: &TestApp, token: &str) -> axum::http::Response<axum::body::Body> {
    app.post(
        paths::AUTH_VERIFICATION_CONFIRM,
        json!({"token": token}),
        None,
    )
    .await
}

async fn resend(app: &TestApp, cookie: &str) -> axum::http::Response<axum::body::Body> {
    app.post(paths::AUTH_VERIFICATION, json!({}), Some(cookie))
        .await
}

#[tokio::test]
async fn a_quick_resend_is_429_and_a_later_one_sends_a_new_link() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let first = app.newest_token("ada@example.com").await;

    app.advance(Duration::seconds(20));
    let response = resend(&app, &cookie).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(common::header(&response, "retry-after"), "40");
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_eq!(body["error"]["retry_after_seconds"], 40);
    assert_eq!(app.emails().await.len(), 1);

    app.advance(Duration::seconds(40));
    let response = resend(&app, &cookie).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert_eq!(
        common::body_json(response).await,
        json!({"email": "ada@example.com"})
    );
    assert_eq!(app.emails().await.len(), 2);
    let second = app.newest_token("ada@example.com").await;
    assert_ne!(first, second);
}

#[tokio::test]
async fn at_most_five_emails_an_hour() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    for _ in 0..4 {
        app.advance(Duration::minutes(2));
        assert_eq!(resend(&app, &cookie).await.status(), StatusCode::ACCEPTED);
    }
    app.advance(Duration::minutes(2));
    let response = resend(&app, &cookie).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    // The first email leaves the hour 50 minutes from now.
    assert_eq!(common::header(&response, "retry-after"), "3000");
    assert_eq!(app.emails().await.len(), 5);

    app.clock.set(start_time() + Duration::hours(1));
    assert_eq!(resend(&app, &cookie).await.status(), StatusCode::ACCEPTED);
}

#[tokio::test]
async fn sending_a_link_needs_a_session() {
    let app = TestApp::new().await;
    let response = app.post(paths::AUTH_VERIFICATION, json!({}), None).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_link_verifies_once_without_a_session() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let token = app.newest_token("ada@example.com").await;

    app.advance(Duration::hours(23));
    let response = confirm(&app, &token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let user = common::body_json(response).await;
    assert_eq!(user["email"], "ada@example.com");
    assert_eq!(user["verified"], true);

    let me = common::body_json(app.get(paths::AUTH_ME, Some(&cookie)).await).await;
    assert_eq!(me["verified"], true);

    let again = confirm(&app, &token).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        common::body_json(again).await["error"]["code"],
        "invalid_token"
    );

    let response = resend(&app, &cookie).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        common::body_json(response).await["error"]["code"],
        "conflict"
    );
}

#[tokio::test]
async fn an_expired_link_is_400_and_verifies_nothing() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let token = app.newest_token("ada@example.com").await;

    app.advance(Duration::hours(24));
    let response = confirm(&app, &token).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        common::body_json(response).await["error"]["code"],
        "invalid_token"
    );
    let me = common::body_json(app.get(paths::AUTH_ME, Some(&cookie)).await).await;
    assert_eq!(me["verified"], false);
}

#[tokio::test]
async fn unknown_tokens_are_400() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    let token = app.newest_token("ada@example.com").await;
    let almost = format!("{}x", &token[..token.len() - 1]);
    for bad in ["", "nonsense", almost.as_str()] {
        let response = confirm(&app, bad).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad:?}");
        assert_eq!(
            common::body_json(response).await["error"]["code"],
            "invalid_token"
        );
    }
}

#[tokio::test]
async fn once_verified_older_links_stop_working() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let older = app.newest_token("ada@example.com").await;
    app.advance(Duration::minutes(5));
    assert_eq!(resend(&app, &cookie).await.status(), StatusCode::ACCEPTED);
    let newer = app.newest_token("ada@example.com").await;

    assert_eq!(confirm(&app, &newer).await.status(), StatusCode::OK);
    assert_eq!(
        confirm(&app, &older).await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_relay_that_cannot_be_reached_delays_the_email_and_loses_nothing() {
    // A loopback port nobody listens on any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("free port")
        .port();
    let smtp_url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::with_vars(&[("SMTP_URL", &smtp_url)]).await;

    // Signing up queues the link; the relay is down, so it stays queued.
    let _cookie = app.signed_up("ada@example.com").await;
    assert_eq!(app.count("verification_tokens").await, 1);
    let pass = app.deliver_mail().await;
    assert_eq!((pass.sent, pass.retried), (0, 1), "{pass:?}");
    let waiting = tandem_server::mail::queue::waiting(app.state.db.reader())
        .await
        .expect("queue");
    assert_eq!(waiting, 1);

    // Not due again before its backoff; then tried again, still kept.
    let pass = app.deliver_mail().await;
    assert_eq!(pass, Default::default());
    app.advance(tandem_server::mail::worker::backoff(0) + Duration::seconds(1));
    let pass = app.deliver_mail().await;
    assert_eq!((pass.sent, pass.retried), (0, 1), "{pass:?}");
    let (attempts, error): (i64, Option<String>) =
        sqlx::query_as("SELECT attempts, last_error FROM outgoing_mail")
            .fetch_one(app.state.db.reader())
            .await
            .expect("the queued email");
    assert_eq!(attempts, 2);
    assert!(error.is_some_and(|error| !error.is_empty()));
}
