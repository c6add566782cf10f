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
    race_for_bodies(app_state, requests)
        .await
        .into_iter()
        .map(|(status, body)| {
            let code = body["error"]["code"].as_str().map(str::to_owned);
            (status, code)
        })
        .collect()
}

/// [`race`], answering each status with the whole body, in the requests'
/// order.
async fn race_for_bodies(
    app_state: &TestApp,
    requests: Vec<(Person, &'static str, Value)>,
) -> Vec<(StatusCode, Value)> {
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
                (status, super::common::body_json(response).await)
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

/// Bookings that arrive together are committed together
/// (`bookings::group_commit`); each request still gets its own answer,
/// its own two mails, and a refusal of its own when its slot went to
/// someone else of the same batch.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn bookings_arriving_together_are_each_answered_with_their_own() {
    const APART: usize = 24;
    const TOGETHER: usize = 8;
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let contested = app.slot(&pro, app.now() + Duration::hours(1), 30).await;
    let mut expected = Vec::new();
    let mut requests = Vec::new();
    for i in 0..APART + TOGETHER {
        let client = app.client(&format!("Client {i}")).await;
        let slot = if i < APART {
            let start = app.now() + Duration::hours(2) + Duration::minutes(30 * i as i64);
            app.slot(&pro, start, 30).await.id
        } else {
            contested.id
        };
        expected.push((client.id, slot));
        requests.push((client, paths::BOOKINGS, json!({"slot_id": slot})));
    }

    let outcomes = race_for_bodies(&app, requests).await;

    let mut contested_booked = 0;
    for ((status, body), (client, slot)) in outcomes.iter().zip(&expected) {
        if *status == StatusCode::CREATED {
            assert_eq!(body["client"]["id"], json!(client), "{body}");
            assert_eq!(body["slot_id"], json!(slot), "{body}");
            contested_booked += usize::from(*slot == contested.id);
        } else {
            assert_eq!(*slot, contested.id, "a free slot was refused: {body}");
            assert_eq!(*status, StatusCode::CONFLICT, "{body}");
            assert_eq!(body["error"]["code"], "slot_taken", "{body}");
        }
    }
    assert_eq!(contested_booked, 1, "{outcomes:?}");
    assert_eq!(app.count("bookings").await, APART as i64 + 1);
    // "Booked" for the client and for the professional, once each.
    assert_eq!(
        app.count("outgoing_mail").await,
        2 * (APART as i64 + 1),
        "one message per person per booking"
    );
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
