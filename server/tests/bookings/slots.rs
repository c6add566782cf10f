//! `POST /api/slots`, `GET /api/slots`, `DELETE /api/slots/{id}`.

use super::support::{assert_refused, created, fields, ok, utc, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;
use tandem_api::slots::Slot;
use tandem_api::{paths, SlotId};

#[tokio::test]
async fn a_professional_publishes_a_slot() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let start = utc(2026, 11, 23, 10, 0);
    let response = app.try_create_slot(&pro, start, 50, 9_000).await;
    let slot: Slot = created(response).await;
    assert_eq!(slot.professional_id, pro.id);
    assert_eq!(slot.start_time, start);
    assert_eq!(slot.end_time, start + Duration::minutes(50));
    assert_eq!(slot.price_cents, 9_000);
    assert!(!slot.is_booked);

    let own: Vec<Slot> = ok(app.get(paths::SLOTS, Some(&pro)).await).await;
    assert_eq!(own, [slot]);
}

#[tokio::test]
async fn own_slots_are_those_not_ended_soonest_first_with_their_bookings() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let other = app.professional("Other Pro").await;
    let ada = app.client("Ada Client").await;
    let now = app.now();
    let ends_soon = app.slot(&pro, now + Duration::minutes(15), 60).await;
    let tomorrow = app.slot(&pro, now + Duration::days(1), 60).await;
    let later_today = app.slot(&pro, now + Duration::hours(3), 60).await;
    app.slot(&other, now + Duration::hours(3), 60).await;
    app.book(&ada, later_today.id).await;

    let own: Vec<Slot> = ok(app.get(paths::SLOTS, Some(&pro)).await).await;
    let seen: Vec<_> = own.iter().map(|s| (s.id, s.is_booked)).collect();
    assert_eq!(
        seen,
        [
            (ends_soon.id, false),
            (later_today.id, true),
            (tomorrow.id, false)
        ]
    );

    // Started but not ended: still listed. Ended: gone.
    app.advance(Duration::minutes(30));
    let own: Vec<Slot> = ok(app.get(paths::SLOTS, Some(&pro)).await).await;
    assert_eq!(own.len(), 3);
    app.advance(Duration::minutes(45));
    let own: Vec<Slot> = ok(app.get(paths::SLOTS, Some(&pro)).await).await;
    let ids: Vec<_> = own.iter().map(|s| s.id).collect();
    assert_eq!(ids, [later_today.id, tomorrow.id]);
}

#[tokio::test]
async fn every_slot_rule_is_enforced_on_its_field_and_saves_nothing() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let now = app.now();
    let later = now + Duration::hours(2);
    let cases: [(_, i64, i64, &[&str]); 8] = [
        (later, 0, 5_000, &["end_time"]),          // ends when it starts
        (later, -30, 5_000, &["end_time"]),        // ends before it starts
        (later, 14, 5_000, &["end_time"]),         // too short
        (later, 8 * 60 + 1, 5_000, &["end_time"]), // too long
        (now, 60, 5_000, &["start_time"]),         // starts now
        (now - Duration::hours(2), 60, 5_000, &["start_time"]),
        (later, 60, 99, &["price_cents"]), // under $1
        (now, 60, 25_001, &["start_time", "price_cents"]),
    ];
    for (start, minutes, price, expected) in cases {
        let response = app.try_create_slot(&pro, start, minutes, price).await;
        let error = assert_refused(response, 422, "validation_failed").await;
        assert_eq!(fields(&error), expected, "{start} {minutes} {price}");
    }
    assert_eq!(app.count("slots").await, 0);

    // The bounds themselves are fine.
    let day = Duration::days(1);
    for (offset, minutes, price) in [
        (Duration::zero(), 15, 100),
        (day, 8 * 60, 25_000),
        (day * 2, 60, 5_000),
    ] {
        let response = app
            .try_create_slot(&pro, later + offset, minutes, price)
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "{minutes} {price}");
    }
    // One second in the future is the future.
    let response = app
        .try_create_slot(&pro, now + Duration::seconds(1), 15, 5_000)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_refused_in_the_error_shape() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let body = json!({"start_time": "tomorrow", "end_time": "later", "price_cents": 5000});
    let response = app.post(paths::SLOTS, body, Some(&pro)).await;
    assert_refused(response, 422, "validation_failed").await;
}

#[tokio::test]
async fn overlapping_slots_are_refused_and_adjacent_ones_are_not() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let other = app.professional("Other Pro").await;
    let ten = utc(2026, 11, 23, 10, 0);
    app.slot(&pro, ten, 60).await;

    for (start, minutes) in [
        (ten, 60),
        (ten - Duration::minutes(30), 60),
        (ten + Duration::minutes(59), 30),
        (ten + Duration::minutes(15), 15),
        (ten - Duration::hours(1), 180),
    ] {
        let response = app.try_create_slot(&pro, start, minutes, 5_000).await;
        let error = assert_refused(response, 409, "slot_overlap").await;
        let message = error["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("2026-11-23 10:00 to 11:00 UTC"),
            "{message}"
        );
    }
    assert_eq!(app.count("slots").await, 1);

    // Right before and right after: no shared minute.
    app.slot(&pro, ten - Duration::minutes(45), 45).await;
    app.slot(&pro, ten + Duration::hours(1), 30).await;
    // Another professional's time is their own.
    app.slot(&other, ten, 60).await;
    assert_eq!(app.count("slots").await, 4);
}

#[tokio::test]
async fn only_professionals_have_slots() {
    let app = TestApp::new().await;
    let ada = app.client("Ada Client").await;
    let later = app.now() + Duration::hours(2);
    let response = app.try_create_slot(&ada, later, 60, 5_000).await;
    assert_refused(response, 403, "forbidden").await;
    assert_refused(app.get(paths::SLOTS, Some(&ada)).await, 403, "forbidden").await;
    assert_eq!(app.count("slots").await, 0);

    let response = app
        .post(
            paths::SLOTS,
            json!({"start_time": later, "end_time": later + Duration::hours(1), "price_cents": 5000}),
            None,
        )
        .await;
    assert_refused(response, 401, "unauthorized").await;
}

#[tokio::test]
async fn a_professional_deletes_an_unbooked_own_slot() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let response = app.delete(&paths::slot(slot.id), Some(&pro)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.count("slots").await, 0);
    let response = app.delete(&paths::slot(slot.id), Some(&pro)).await;
    assert_refused(response, 404, "not_found").await;
}

#[tokio::test]
async fn a_booked_slot_cannot_be_deleted() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    app.book(&ada, slot.id).await;
    let response = app.delete(&paths::slot(slot.id), Some(&pro)).await;
    assert_refused(response, 409, "conflict").await;
    assert_eq!(app.count("slots").await, 1);
    assert_eq!(app.count("bookings").await, 1);
}

#[tokio::test]
async fn a_slot_whose_bookings_were_cancelled_can_be_deleted() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let booking = app.book(&ada, slot.id).await;
    let response = app
        .post(&paths::booking_cancel(booking.id), json!({}), Some(&ada))
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let response = app.delete(&paths::slot(slot.id), Some(&pro)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.count("slots").await, 0);
    assert_eq!(app.count("bookings").await, 0);
}

#[tokio::test]
async fn nobody_else_deletes_a_professionals_slot() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let other = app.professional("Other Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;

    let response = app.delete(&paths::slot(slot.id), Some(&other)).await;
    assert_refused(response, 403, "forbidden").await;
    let response = app.delete(&paths::slot(slot.id), Some(&ada)).await;
    assert_refused(response, 403, "forbidden").await;
    let response = app.delete(&paths::slot(slot.id), None).await;
    assert_refused(response, 401, "unauthorized").await;
    assert_eq!(app.count("slots").await, 1);

    let response = app.delete(&paths::slot(SlotId(9_999)), Some(&pro)).await;
    assert_refused(response, 404, "not_found").await;
    let response = app.delete("/api/slots/abc", Some(&pro)).await;
    assert_refused(response, 400, "bad_request").await;
}
