//! How sessions end: after the idle timeout, after fourteen days however
//! active, and removed by the cleanup task; and the `__Host-` cookies of
//! an https deployment.

use super::support::{cookie_pair, set_cookie_named, TestApp, PASSWORD};
use axum::http::StatusCode;
use chrono::Duration;
use std::sync::Arc;
use tandem_api::paths;
use tandem_server::cleanup;
use tandem_server::clock::Clock;

/// The test configuration with the server's default idle timeout (an
/// empty value counts as unset).
const DEFAULT_IDLE: (&str, &str) = ("SESSION_IDLE_TIMEOUT", "");

async fn last_seen(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT last_seen_at FROM sessions")
        .fetch_one(app.state.db.writer())
        .await
        .expect("one session")
}

#[tokio::test]
async fn a_session_unused_for_twelve_hours_ends() {
    let app = TestApp::with_vars(&[DEFAULT_IDLE]).await;
    let cookie = app.signed_up("ada@example.com").await;

    // Used just within the timeout, twice: each use starts it again.
    for _ in 0..2 {
        app.advance(Duration::hours(12) - Duration::seconds(1));
        let response = app.get(paths::AUTH_ME, Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    app.advance(Duration::hours(12));
    let response = app.get(paths::AUTH_ME, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn the_idle_timeout_follows_the_configuration() {
    let app = TestApp::with_vars(&[("SESSION_IDLE_TIMEOUT", "30m")]).await;
    let cookie = app.signed_up("ada@example.com").await;
    app.advance(Duration::minutes(29));
    assert_eq!(
        app.get(paths::AUTH_ME, Some(&cookie)).await.status(),
        StatusCode::OK
    );
    app.advance(Duration::minutes(30));
    assert_eq!(
        app.get(paths::AUTH_ME, Some(&cookie)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_active_session_still_ends_after_fourteen_days() {
    let app = TestApp::with_vars(&[DEFAULT_IDLE]).await;
    let cookie = app.signed_up("ada@example.com").await;
    // Used every six hours, day and night.
    for _ in 0..(14 * 4 - 1) {
        app.advance(Duration::hours(6));
        let response = app.get(paths::AUTH_ME, Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    app.advance(Duration::hours(6));
    let response = app.get(paths::AUTH_ME, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_last_use_is_written_at_most_once_a_minute() {
    let app = TestApp::with_vars(&[DEFAULT_IDLE]).await;
    let cookie = app.signed_up("ada@example.com").await;
    let signed_up = app.clock.now().timestamp();
    assert_eq!(last_seen(&app).await, signed_up);

    for _ in 0..5 {
        app.advance(Duration::seconds(10));
        assert_eq!(
            app.get(paths::AUTH_ME, Some(&cookie)).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(
        last_seen(&app).await,
        signed_up,
        "no write within the minute"
    );

    app.advance(Duration::seconds(10));
    assert_eq!(
        app.get(paths::AUTH_ME, Some(&cookie)).await.status(),
        StatusCode::OK
    );
    assert_eq!(last_seen(&app).await, signed_up + 60);
}

#[tokio::test]
async fn on_https_the_cookies_are_host_only_and_secure() {
    let app = TestApp::with_vars(&[("PUBLIC_URL", "https://tandem.example.com")]).await;
    let response = app.register("ada@example.com", "Ada").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(set_cookie_named(&response, "tandem_session").is_none());
    let raw = set_cookie_named(&response, "__Host-tandem_session").expect("a session cookie");
    for attribute in ["Secure", "HttpOnly", "Path=/"] {
        assert!(raw.contains(attribute), "{raw}");
    }
    assert!(!raw.to_lowercase().contains("domain"), "{raw}");
    let session = cookie_pair(&response, "__Host-tandem_session").expect("a session cookie");
    let me = app.get(paths::AUTH_ME, Some(&session)).await;
    assert_eq!(me.status(), StatusCode::OK);

    // The same id under the plain name (as a sibling subdomain could set
    // it) signs nobody in.
    let plain = session.replace("__Host-tandem_session=", "tandem_session=");
    let me = app.get(paths::AUTH_ME, Some(&plain)).await;
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);

    let login = app
        .login_from("192.0.2.10", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(login.status(), StatusCode::OK);
    let device = set_cookie_named(&login, "__Host-tandem_device").expect("a device cookie");
    for attribute in ["Secure", "HttpOnly", "Path=/"] {
        assert!(device.contains(attribute), "{device}");
    }
    assert!(!device.to_lowercase().contains("domain"), "{device}");

    let logout = app
        .post(paths::AUTH_LOGOUT, serde_json::json!({}), Some(&session))
        .await;
    let cleared = set_cookie_named(&logout, "__Host-tandem_session").expect("cleared");
    assert!(
        cleared.contains("Max-Age=0") && cleared.contains("Secure"),
        "{cleared}"
    );
}

#[tokio::test]
async fn on_http_the_cookies_keep_their_plain_names() {
    let app = TestApp::new().await;
    let response = app.register("ada@example.com", "Ada").await;
    let raw = set_cookie_named(&response, "tandem_session").expect("a session cookie");
    assert!(!raw.contains("Secure"), "{raw}");
    assert!(set_cookie_named(&response, "__Host-tandem_session").is_none());
}

/// Rows of each kind, expired and live: three sessions (two idle too
/// long), two sign-in attempts (one out of the window), three trusted
/// devices (one expired).
async fn expired_and_live_rows(app: &TestApp) {
    let now = app.clock.now();
    app.signed_up("ada@example.com").await;
    let wrong = app
        .login_from("192.0.2.99", "ada@example.com", "wrong")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = app
        .login_from("192.0.2.10", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    // Thirteen hours later, those two sessions have been idle too long and
    // the failure has left its window; a new failure, session and device
    // are live.
    app.advance(Duration::hours(13));
    let wrong = app
        .login_from("192.0.2.98", "ada@example.com", "wrong")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = app
        .login_from("192.0.2.11", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(right.status(), StatusCode::OK);
    // A device of a month ago.
    sqlx::query(
        "INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at)
         SELECT $3, id, $1, $2 FROM users",
    )
    .bind((now - Duration::days(31)).timestamp())
    .bind((now - Duration::days(1)).timestamp())
    .bind(vec![0_u8; 32])
    .execute(app.state.db.writer())
    .await
    .expect("old device");
}

#[tokio::test]
async fn the_cleanup_removes_expired_rows_and_keeps_live_ones() {
    let app = TestApp::with_vars(&[DEFAULT_IDLE]).await;
    expired_and_live_rows(&app).await;
    assert_eq!(
        (
            app.count("sessions").await,
            app.count("login_attempts").await,
            app.count("trusted_devices").await
        ),
        (3, 2, 3)
    );
    let idle = Duration::hours(12);
    let removed = cleanup::run_once(&app.state.db, app.clock.now(), idle)
        .await
        .expect("cleanup runs");
    assert_eq!(
        removed,
        cleanup::Removed {
            sessions: 2,
            login_attempts: 1,
            trusted_devices: 1,
            request_limit_hits: 0,
        }
    );
    assert_eq!(
        (
            app.count("sessions").await,
            app.count("login_attempts").await,
            app.count("trusted_devices").await
        ),
        (1, 1, 2)
    );
    // Another process running it at the same time finds nothing left.
    let other = app.second_process().await;
    let again = cleanup::run_once(&other.db, app.clock.now(), idle)
        .await
        .expect("cleanup runs");
    assert_eq!(again, cleanup::Removed::default());
}

#[tokio::test]
async fn the_cleanup_task_runs_on_its_own() {
    let app = TestApp::with_vars(&[DEFAULT_IDLE]).await;
    expired_and_live_rows(&app).await;
    let task = cleanup::spawn_with(
        app.state.db.clone(),
        app.state.config.session_idle_timeout,
        std::time::Duration::from_millis(50),
        Arc::clone(&app.clock) as Arc<dyn Clock>,
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    // One round removes the three kinds one after another, so wait for all
    // of them rather than reading the others the moment sessions are gone.
    loop {
        let counts = (
            app.count("sessions").await,
            app.count("login_attempts").await,
            app.count("trusted_devices").await,
        );
        if counts == (1, 1, 2) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the task did not remove the expired rows: (sessions, login attempts, devices) = {counts:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    task.abort();
}
