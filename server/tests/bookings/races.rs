//! Requests that really race: many tasks on a multi-threaded runtime, let
//! go together, against one database file.

use super::support::{request, Person, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Instant;
use tandem_api::paths;
use tandem_server::app;
use tokio::sync::Barrier;
use tower::ServiceExt;

/// Sends every request at once (each on its own task, with its own clone
/// of the router) and answers each status with its error code.
pub(super) async fn race(
    app_state: &TestApp,
    requests: Vec<(Person, &'static str, Value)>,
) -> Vec<(StatusCode, Option<String>)> {
    let barrier = Arc::new(Barrier::new(requests.len()));
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(who, path, body)| {
            let router = app(app_state.state.clone());
            let barrier = barrier.clone();
            tokio::spawn(async move {
                let request = request("POST", path, Some(&who), Some(body));
                barrier.wait().await;
                let response = router.oneshot(request).await.expect("infallible");
                let status = response.status();
                let body = super::common::body_json(response).await;
                let code = body["error"]["code"].as_str().map(str::to_owned);
                (status, code)
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.expect("task finished"));
    }
    outcomes
}

pub(super) fn tally(
    outcomes: &[(StatusCode, Option<String>)],
    status: StatusCode,
    code: Option<&str>,
) -> usize {
    outcomes
        .iter()
        .filter(|(s, c)| *s == status && c.as_deref() == code)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_clients_racing_for_one_slot_make_one_booking() {
    const CLIENTS: usize = 50;
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let mut requests = Vec::new();
    for i in 0..CLIENTS {
        let client = app.client(&format!("Client {i}")).await;
        requests.push((client, paths::BOOKINGS, json!({"slot_id": slot.id})));
    }

    let started = Instant::now();
    let outcomes = race(&app, requests).await;
    eprintln!(
        "{CLIENTS} simultaneous bookings answered in {:?}",
        started.elapsed()
    );

    assert_eq!(
        tally(&outcomes, StatusCode::CREATED, None),
        1,
        "{outcomes:?}"
    );
    assert_eq!(
        tally(&outcomes, StatusCode::CONFLICT, Some("slot_taken")),
        CLIENTS - 1,
        "{outcomes:?}"
    );
    assert_eq!(app.count("bookings").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn overlapping_slots_created_at_once_make_one_slot() {
    const ATTEMPTS: i64 = 20;
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let base = app.now() + Duration::hours(2);
    // Every one of these overlaps every other: all cover base + 20 min.
    let requests = (0..ATTEMPTS)
        .map(|i| {
            let start = base + Duration::minutes(i);
            let body = json!({
                "start_time": start,
                "end_time": start + Duration::minutes(30),
                "price_cents": 5_000,
            });
            (pro.clone(), paths::SLOTS, body)
        })
        .collect();

    let outcomes = race(&app, requests).await;

    assert_eq!(
        tally(&outcomes, StatusCode::CREATED, None),
        1,
        "{outcomes:?}"
    );
    let refused = tally(&outcomes, StatusCode::CONFLICT, Some("slot_overlap"));
    assert_eq!(refused, ATTEMPTS as usize - 1, "{outcomes:?}");
    assert_eq!(app.count("slots").await, 1);
}
