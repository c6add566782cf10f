//! `POST /api/bookings/{id}/cancel`.

use super::support::{assert_refused, ok, Person, TestApp};
use axum::body::Body;
use axum::http::Response;
use chrono::Duration;
use serde_json::json;
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::slots::Slot;
use tandem_api::{paths, BookingId};

async fn cancel(app: &TestApp, who: &Person, booking: BookingId) -> Response<Body> {
    app.post(&paths::booking_cancel(booking), json!({}), Some(who))
        .await
}

async fn cancelled_by(app: &TestApp, booking: BookingId) -> Option<i64> {
    sqlx::query_scalar("SELECT cancelled_by FROM bookings WHERE id = $1")
        .bind(booking.0)
        .fetch_one(app.state.db.writer())
        .await
        .expect("booking row")
}

#[tokio::test]
async fn the_client_cancels_and_the_slot_is_free_again() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let bob = app.client("Bob Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let booking = app.book(&ada, slot.id).await;

    let cancelled: Booking = ok(cancel(&app, &ada, booking.id).await).await;
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(
        Booking {
            status: BookingStatus::Active,
            cancelled_by: None,
            revision: 0,
            ..cancelled
        },
        booking
    );
    assert_eq!(cancelled_by(&app, booking.id).await, Some(ada.id.0));

    let own: Vec<Slot> = ok(app.get(paths::SLOTS, Some(&pro)).await).await;
    assert!(!own[0].is_booked);
    let rebooked = app.book(&bob, slot.id).await;
    assert_eq!(rebooked.status, BookingStatus::Active);
    assert_eq!(app.count("bookings").await, 2);
}

#[tokio::test]
async fn the_professional_cancels_too() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let booking = app.book(&ada, slot.id).await;

    let cancelled: Booking = ok(cancel(&app, &pro, booking.id).await).await;
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(cancelled_by(&app, booking.id).await, Some(pro.id.0));
}

#[tokio::test]
async fn a_cancelled_booking_cannot_be_cancelled_again() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let booking = app.book(&ada, slot.id).await;
    ok::<Booking>(cancel(&app, &ada, booking.id).await).await;

    for who in [&ada, &pro] {
        assert_refused(cancel(&app, who, booking.id).await, 409, "conflict").await;
    }
    assert_eq!(cancelled_by(&app, booking.id).await, Some(ada.id.0));
}

#[tokio::test]
async fn a_started_session_cannot_be_cancelled() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let booking = app.book(&ada, slot.id).await;

    app.advance(Duration::hours(2));
    for who in [&ada, &pro] {
        let error = assert_refused(cancel(&app, who, booking.id).await, 409, "conflict").await;
        assert_eq!(error["message"], "This session has already started.");
    }
    assert_eq!(cancelled_by(&app, booking.id).await, None);
}

#[tokio::test]
async fn nobody_else_learns_a_booking_exists() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let other_pro = app.professional("Other Pro").await;
    let ada = app.client("Ada Client").await;
    let bob = app.client("Bob Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let booking = app.book(&ada, slot.id).await;

    let unknown = BookingId(booking.id.0 + 1_000);
    for who in [&bob, &other_pro] {
        let theirs = assert_refused(cancel(&app, who, booking.id).await, 404, "not_found").await;
        let none = assert_refused(cancel(&app, who, unknown).await, 404, "not_found").await;
        assert_eq!(theirs, none);
    }
    assert_eq!(cancelled_by(&app, booking.id).await, None);

    let response = app
        .post(&paths::booking_cancel(booking.id), json!({}), None)
        .await;
    assert_refused(response, 401, "unauthorized").await;
    let response = app
        .post("/api/bookings/first/cancel", json!({}), Some(&ada))
        .await;
    assert_refused(response, 400, "bad_request").await;
}
