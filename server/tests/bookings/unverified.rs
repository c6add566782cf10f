//! An unverified client holds at most two upcoming bookings.

use super::races::{race, tally};
use super::support::{assert_refused, ok, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;
use tandem_api::bookings::Booking;
use tandem_api::paths;

#[tokio::test]
async fn the_third_upcoming_booking_of_an_unverified_client_is_refused() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let sam = app.unverified_client("Sam Unverified").await;
    let mut slots = Vec::new();
    for hours in [2, 4, 6, 8] {
        slots.push(app.slot(&pro, app.now() + Duration::hours(hours), 60).await);
    }

    let first = app.book(&sam, slots[0].id).await;
    app.book(&sam, slots[1].id).await;
    let error = assert_refused(app.try_book(&sam, slots[2].id).await, 403, "not_verified").await;
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains("verify your account"), "{message}");
    assert!(message.contains("2 upcoming"), "{message}");
    // Nothing was booked, and the slot is still free for others.
    assert_eq!(app.count("bookings").await, 2);
    let ada = app.client("Ada Verified").await;
    app.book(&ada, slots[2].id).await;

    // A cancelled booking no longer counts.
    let cancelled: Booking = ok(app
        .post(&paths::booking_cancel(first.id), json!({}), Some(&sam))
        .await)
    .await;
    assert_eq!(cancelled.id, first.id);
    app.book(&sam, slots[3].id).await;
}

#[tokio::test]
async fn sessions_that_are_over_do_not_count_and_verified_clients_have_no_such_limit() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let sam = app.unverified_client("Sam Unverified").await;
    let ada = app.client("Ada Verified").await;
    let soon = app.slot(&pro, app.now() + Duration::hours(1), 30).await;
    let later = app.slot(&pro, app.now() + Duration::hours(2), 30).await;
    app.book(&sam, soon.id).await;
    app.book(&sam, later.id).await;

    let mut slots = Vec::new();
    for hours in [3, 4, 5, 6] {
        slots.push(app.slot(&pro, app.now() + Duration::hours(hours), 30).await);
    }
    for slot in &slots[..3] {
        app.book(&ada, slot.id).await;
    }

    // Once the first session has ended, Sam holds one upcoming booking.
    assert_refused(app.try_book(&sam, slots[3].id).await, 403, "not_verified").await;
    app.advance(Duration::minutes(90));
    app.book(&sam, slots[3].id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn six_bookings_at_once_by_one_unverified_client_make_two() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let sam = app.unverified_client("Sam Unverified").await;
    let mut requests = Vec::new();
    for hours in 1..=6 {
        let slot = app.slot(&pro, app.now() + Duration::hours(hours), 30).await;
        requests.push((sam.clone(), paths::BOOKINGS, json!({"slot_id": slot.id})));
    }

    let outcomes = race(&app, requests).await;
    assert_eq!(
        tally(&outcomes, StatusCode::CREATED, None),
        2,
        "{outcomes:?}"
    );
    assert_eq!(
        tally(&outcomes, StatusCode::FORBIDDEN, Some("not_verified")),
        4,
        "{outcomes:?}"
    );
    assert_eq!(app.count("bookings").await, 2);
}
