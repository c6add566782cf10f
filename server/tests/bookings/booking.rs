//! `POST /api/bookings`.

use super::support::{assert_refused, created, fields, TestApp};
use chrono::Duration;
use serde_json::json;
use sqlx::{Connection, SqliteConnection};
use std::time::Instant;
use tandem_api::auth::Role;
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::validation::NOTES_MAX_CHARS;
use tandem_api::{paths, SlotId};
use tandem_server::db::{Engine, BUSY_TIMEOUT};

#[tokio::test]
async fn a_client_books_a_free_slot_with_notes() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;

    let body = json!({"slot_id": slot.id, "notes": "  Stress at work.\n "});
    let booking: Booking = created(app.post(paths::BOOKINGS, body, Some(&ada)).await).await;
    assert_eq!(booking.slot_id, slot.id);
    assert_eq!(booking.start_time, slot.start_time);
    assert_eq!(booking.end_time, slot.end_time);
    assert_eq!(booking.price_cents, slot.price_cents);
    assert_eq!(booking.status, BookingStatus::Active);
    assert_eq!(booking.notes.as_deref(), Some("Stress at work."));
    assert_eq!(
        (
            booking.client.id,
            booking.client.full_name.as_str(),
            booking.client.role
        ),
        (ada.id, "Ada Client", Role::Client)
    );
    assert_eq!(
        (
            booking.professional.id,
            booking.professional.full_name.as_str(),
            booking.professional.role
        ),
        (pro.id, "Maya Pro", Role::Professional)
    );
    assert_eq!(app.count("bookings").await, 1);
}

#[tokio::test]
async fn blank_notes_are_no_notes_and_unverified_clients_may_book() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let sam = app.unverified_client("Sam Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let body = json!({"slot_id": slot.id, "notes": "   "});
    let booking: Booking = created(app.post(paths::BOOKINGS, body, Some(&sam)).await).await;
    assert_eq!(booking.notes, None);
    assert_eq!(booking.client.id, sam.id);
}

#[tokio::test]
async fn notes_longer_than_the_limit_are_refused() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;

    let too_long = "é".repeat(NOTES_MAX_CHARS + 1);
    let body = json!({"slot_id": slot.id, "notes": too_long});
    let error = assert_refused(
        app.post(paths::BOOKINGS, body, Some(&ada)).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&error), ["notes"]);
    assert_eq!(app.count("bookings").await, 0);

    let longest = format!(" {} ", "é".repeat(NOTES_MAX_CHARS));
    let body = json!({"slot_id": slot.id, "notes": longest});
    let booking: Booking = created(app.post(paths::BOOKINGS, body, Some(&ada)).await).await;
    assert_eq!(
        booking.notes.map(|n| n.chars().count()),
        Some(NOTES_MAX_CHARS)
    );
}

#[tokio::test]
async fn a_booked_slot_is_taken() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let bob = app.client("Bob Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    app.book(&ada, slot.id).await;

    for client in [&bob, &ada] {
        let error = assert_refused(app.try_book(client, slot.id).await, 409, "slot_taken").await;
        assert!(!error["message"].as_str().unwrap_or_default().is_empty());
    }
    assert_eq!(app.count("bookings").await, 1);
}

#[tokio::test]
async fn professionals_cannot_book() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let other = app.professional("Other Pro").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    for who in [&pro, &other] {
        assert_refused(app.try_book(who, slot.id).await, 403, "forbidden").await;
    }
    let response = app
        .post(paths::BOOKINGS, json!({"slot_id": slot.id}), None)
        .await;
    assert_refused(response, 401, "unauthorized").await;
    assert_eq!(app.count("bookings").await, 0);
}

#[tokio::test]
async fn a_started_slot_cannot_be_booked() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::minutes(30), 60).await;

    app.advance(Duration::minutes(30));
    let error = assert_refused(app.try_book(&ada, slot.id).await, 409, "conflict").await;
    assert_eq!(error["message"], "This session has already started.");
    app.advance(Duration::minutes(90));
    assert_refused(app.try_book(&ada, slot.id).await, 409, "conflict").await;
    assert_eq!(app.count("bookings").await, 0);
}

#[tokio::test]
async fn an_unknown_slot_is_not_found() {
    let app = TestApp::new().await;
    let ada = app.client("Ada Client").await;
    assert_refused(app.try_book(&ada, SlotId(9_999)).await, 404, "not_found").await;
    let response = app
        .post(paths::BOOKINGS, json!({"slot_id": "first"}), Some(&ada))
        .await;
    assert_refused(response, 422, "validation_failed").await;
}

/// A refused booking answers its refusal, never a booking written before
/// it: on SQLite the booking's insert is read back by the connection's
/// last inserted row id, which after an insert of no row still names the
/// row inserted before (here the third row of `sessions`, while the
/// client holds a third booking).
#[tokio::test]
async fn a_refused_booking_never_answers_an_earlier_booking() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    for hour in 2..7 {
        let slot = app.slot(&pro, app.now() + Duration::hours(hour), 60).await;
        app.book(&ada, slot.id).await;
    }
    let soon = app.slot(&pro, app.now() + Duration::minutes(30), 30).await;
    app.advance(Duration::minutes(30));
    tandem_server::auth::session::start(app.state.db.writer(), ada.id, app.now())
        .await
        .expect("session started");

    let error = assert_refused(app.try_book(&ada, soon.id).await, 409, "conflict").await;
    assert_eq!(error["message"], "This session has already started.");
    assert_eq!(app.count("bookings").await, 5);
}

/// While another process holds SQLite's write lock past the busy timeout,
/// a booking is answered 503 `service_unavailable` with nothing written,
/// after one busy wait: its batch could not begin, and running it alone
/// would only wait as long again. Once the lock is gone it goes through.
#[tokio::test]
async fn a_booking_while_another_process_writes_is_503_after_one_wait() {
    let app = TestApp::new().await;
    if app.state.db.engine() != Engine::Sqlite {
        // PostgreSQL has no lock on the whole database: its writers wait
        // for the rows' own locks, however long.
        return;
    }
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(2), 60).await;
    let mut other_process = SqliteConnection::connect(&app.state.config.database.url)
        .await
        .expect("a connection of its own");
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other_process)
        .await
        .expect("the write lock");

    let started = Instant::now();
    let response = app.try_book(&ada, slot.id).await;
    let waited = started.elapsed();
    sqlx::query("ROLLBACK")
        .execute(&mut other_process)
        .await
        .expect("the lock released");

    assert_refused(response, 503, "service_unavailable").await;
    assert!(
        waited < 2 * BUSY_TIMEOUT,
        "answered after {waited:?}: more than one busy wait of {BUSY_TIMEOUT:?}"
    );
    assert_eq!(app.count("bookings").await, 0);
    assert_eq!(app.count("outgoing_mail").await, 0);
    let booking = app.book(&ada, slot.id).await;
    assert_eq!(booking.slot_id, slot.id);
}
