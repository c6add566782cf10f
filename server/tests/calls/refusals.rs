//! `POST /api/bookings/{id}/call`: every refusal, and the order in which
//! they are checked.

use super::common;
use super::support::{assert_refused, session_end, session_start, TestApp};
use chrono::Duration;
use tandem_api::{paths, BookingId};

#[tokio::test]
async fn signed_out_is_401() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start());

    assert_refused(app.call(booking.id, None).await, 401, "unauthorized").await;
    assert_eq!(app.count("call_token_grants").await, 0);
}

#[tokio::test]
async fn a_stranger_and_a_missing_booking_get_the_same_404() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let other_pro = app.professional("Other Pro").await;
    let ada = app.client("Ada Client").await;
    let eve = app.client("Eve Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start());

    let stranger = common::body_json(app.call(booking.id, Some(&eve)).await).await;
    let other = common::body_json(app.call(booking.id, Some(&other_pro)).await).await;
    let missing_response = app.call(BookingId(booking.id.0 + 1000), Some(&eve)).await;
    assert_eq!(missing_response.status(), 404);
    let missing = common::body_json(missing_response).await;
    assert_eq!(stranger, missing);
    assert_eq!(other, missing);
    assert_eq!(missing["error"]["code"], "not_found");
    assert_eq!(app.count("call_token_grants").await, 0);
    assert_eq!(app.count("call_rooms").await, 0);
}

#[tokio::test]
async fn a_booking_id_that_is_not_a_number_is_400() {
    let app = TestApp::new().await;
    let ada = app.client("Ada Client").await;
    let response = app
        .post(
            &paths::BOOKING_CALL.replace("{id}", "abc"),
            None,
            Some(&ada),
        )
        .await;
    assert_refused(response, 400, "bad_request").await;
}

#[tokio::test]
async fn a_cancelled_booking_is_409_even_for_an_unverified_client() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let sam = app.unverified_client("Sam Client").await;
    let booking = app.booking(&sam, &pro).await;
    let cancel = app
        .post(&paths::booking_cancel(booking.id), None, Some(&pro))
        .await;
    assert_eq!(cancel.status(), 200);
    app.set_time(session_start());

    let error = assert_refused(app.call(booking.id, Some(&sam)).await, 409, "conflict").await;
    assert_eq!(
        error["message"],
        "This session was cancelled, so there is no call to join."
    );
    assert_refused(app.call(booking.id, Some(&pro)).await, 409, "conflict").await;
}

#[tokio::test]
async fn an_unverified_participant_is_403_even_outside_the_window() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let sam = app.unverified_client("Sam Client").await;
    let booking = app.booking(&sam, &pro).await;

    for now in [session_start() - Duration::hours(1), session_start()] {
        app.set_time(now);
        let error =
            assert_refused(app.call(booking.id, Some(&sam)).await, 403, "not_verified").await;
        assert_eq!(error["message"], "Verify your account to join calls.");
    }
    // The verified professional of the same booking may join.
    app.credentials(booking.id, &pro).await;
    assert_eq!(app.count("call_token_grants").await, 1);
}

#[tokio::test]
async fn the_window_opens_ten_minutes_early_and_closes_at_the_end() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;

    app.set_time(session_start() - Duration::minutes(11));
    let error = assert_refused(
        app.call(booking.id, Some(&ada)).await,
        409,
        "outside_call_window",
    )
    .await;
    assert_eq!(
        error["message"],
        "The call opens 10 minutes before the session starts, at 2026-11-21 09:50 UTC."
    );

    app.set_time(session_start() - Duration::minutes(10));
    app.credentials(booking.id, &ada).await;
    app.set_time(session_end() - Duration::seconds(1));
    app.credentials(booking.id, &ada).await;
    let grants = app.count("call_token_grants").await;

    for after in [session_end(), session_end() + Duration::days(1)] {
        app.set_time(after);
        let error = assert_refused(
            app.call(booking.id, Some(&ada)).await,
            409,
            "outside_call_window",
        )
        .await;
        assert_eq!(
            error["message"],
            "This session has ended, so its call is closed."
        );
    }
    assert_eq!(app.count("call_token_grants").await, grants);
}

#[tokio::test]
async fn without_livekit_calls_are_unavailable_and_nothing_is_counted() {
    let app = TestApp::without_livekit().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;

    // The window comes first…
    app.set_time(session_start() - Duration::hours(1));
    assert_refused(
        app.call(booking.id, Some(&ada)).await,
        409,
        "outside_call_window",
    )
    .await;
    // …then whether calls are configured.
    app.set_time(session_start());
    assert_refused(
        app.call(booking.id, Some(&ada)).await,
        503,
        "calls_unavailable",
    )
    .await;
    assert_eq!(app.count("call_token_grants").await, 0);
    assert_eq!(app.count("call_rooms").await, 0);
}
