//! The bound on password hashing: when every hashing slot of the process
//! stays busy, sign-ins are answered 503 with `Retry-After` after a short
//! wait, and nothing hangs.

use super::common;
use super::support::{login_request, TestApp, PASSWORD};
use axum::http::StatusCode;
use std::time::Duration;
use tandem_server::password;
use tokio::task::JoinSet;

/// Longer than any answer may take: the permit wait is 2 s.
const NO_HANG: Duration = Duration::from_secs(30);

/// Holds one hashing slot of the app until the returned sender is dropped
/// or sent to, as a long hash would.
async fn hold_a_slot(app: &TestApp) -> (std::sync::mpsc::Sender<()>, tokio::task::JoinHandle<()>) {
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (started, running) = tokio::sync::oneshot::channel();
    let limit = app.state.password_hashing.clone();
    let holder = tokio::spawn(async move {
        password::run_bounded(&limit, move || {
            let _ = started.send(());
            let _ = released.recv();
            Ok(())
        })
        .await
        .expect("the holder gets the slot");
    });
    running.await.expect("the holder runs");
    (release, holder)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_the_only_slot_busy_sign_ins_get_503_with_retry_after_and_count_nothing() {
    let app = TestApp::with_vars(&[("PASSWORD_HASH_CONCURRENCY", "1")]).await;
    app.signed_up("ada@example.com").await;
    let (release, holder) = hold_a_slot(&app).await;

    let mut tasks = JoinSet::new();
    for i in 0..12 {
        let state = app.state.clone();
        // Ada from several addresses, and unknown emails.
        let email = if i % 2 == 0 {
            "ada@example.com".to_owned()
        } else {
            format!("nobody{i}@example.com")
        };
        let request = login_request(&format!("192.0.2.{}", i + 1), &email, PASSWORD, &[]);
        tasks.spawn(async move {
            let response = common::send(&state, request).await;
            let retry_after = common::header(&response, "retry-after").to_owned();
            (
                response.status(),
                retry_after,
                common::body_json(response).await,
            )
        });
    }
    let answers = tokio::time::timeout(NO_HANG, tasks.join_all())
        .await
        .expect("every sign-in is answered");
    for (status, retry_after, body) in &answers {
        assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert_eq!(retry_after, "2");
        assert_eq!(body["error"]["code"], "service_unavailable");
        assert_eq!(body["error"]["retry_after_seconds"], 2);
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("try again in 2 seconds"), "{message}");
    }
    // No password was checked, so no attempt counts against anybody.
    assert_eq!(app.count("login_attempts").await, 0);

    release.send(()).expect("the holder waits");
    holder.await.expect("the holder finishes");
    let response = app
        .login_from("192.0.2.1", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_one_slot_busy_of_two_sign_ins_still_go_through() {
    let app = TestApp::with_vars(&[("PASSWORD_HASH_CONCURRENCY", "2")]).await;
    app.signed_up("ada@example.com").await;
    let (release, holder) = hold_a_slot(&app).await;
    let response = app
        .login_from("192.0.2.1", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    drop(release);
    holder.await.expect("the holder finishes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_sign_ins_at_once_on_one_slot_are_each_answered_in_time() {
    // Argon2id with its default cost (19 MiB, two passes) takes milliseconds
    // even on a fast core (about 30 ms here): one after the other, these take
    // far longer than the 2 s wait.
    const SIGN_INS: usize = 600;
    let app = TestApp::with_vars(&[("PASSWORD_HASH_CONCURRENCY", "1")]).await;
    let mut tasks = JoinSet::new();
    for i in 0..SIGN_INS {
        let state = app.state.clone();
        let request = login_request(
            &format!("10.0.{}.{}", i / 200, i % 200 + 1),
            &format!("nobody{i}@example.com"),
            "a guess",
            &[],
        );
        tasks.spawn(async move {
            let response = common::send(&state, request).await;
            let retry_after = common::header(&response, "retry-after").to_owned();
            (response.status(), retry_after)
        });
    }
    let answers = tokio::time::timeout(NO_HANG, tasks.join_all())
        .await
        .expect("every sign-in is answered");
    // Checked (401), or turned away as busy (503, with when to retry).
    let busy = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    eprintln!("{SIGN_INS} sign-ins on one hashing slot: {busy} answered 503");
    for (status, retry_after) in &answers {
        match *status {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::SERVICE_UNAVAILABLE => assert_eq!(retry_after, "2"),
            other => panic!("unexpected {other}"),
        }
    }
    assert!(answers
        .iter()
        .any(|(status, _)| *status == StatusCode::UNAUTHORIZED));
}
