//! `POST /api/bookings/{id}/running-late`: either person tells the other,
//! who sees it in the room status until the late one is in the room; only
//! the booking's two people, only for an active booking, from an hour
//! before the start until its end.

use super::fake_livekit::FakeLiveKit;
use super::room_status::{setup, Setup};
use super::support::{assert_refused, session_end, session_start, Person, TestApp};
use chrono::Duration;
use tandem_api::auth::Role;
use tandem_api::calls::RunningLate;
use tandem_api::{paths, BookingId};

async fn say_late(app: &TestApp, booking: BookingId, who: Option<&Person>) -> u16 {
    app.post(&paths::booking_running_late(booking), None, who)
        .await
        .status()
        .as_u16()
}

/// `who` sees no "running late" note.
async fn assert_no_note(s: &Setup, who: &Person) {
    let status = s.app.room_status(s.booking.id, who).await;
    assert!(status.running_late.is_empty(), "{status:?}");
}

/// Refused with 409 `conflict`, for a reason naming `why`.
async fn refused_because(s: &Setup, why: &str) {
    let response = s
        .app
        .post(
            &paths::booking_running_late(s.booking.id),
            None,
            Some(&s.ada),
        )
        .await;
    let error = assert_refused(response, 409, "conflict").await;
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|message| message.contains(why)),
        "{error}"
    );
}

#[tokio::test]
async fn the_other_person_sees_who_is_running_late_and_since_when() {
    let s = setup(&super::support::closed_port_url()).await;
    assert_no_note(&s, &s.ada).await;

    assert_eq!(say_late(&s.app, s.booking.id, Some(&s.pro)).await, 204);
    let said_at = s.app.now();
    let status = s.app.room_status(s.booking.id, &s.ada).await;
    assert_eq!(
        status.running_late,
        vec![RunningLate {
            role: Role::Professional,
            since: said_at,
        }]
    );

    // Saying it again moves the time on; it stays one note.
    s.app.advance(Duration::minutes(3));
    assert_eq!(say_late(&s.app, s.booking.id, Some(&s.pro)).await, 204);
    let status = s.app.room_status(s.booking.id, &s.ada).await;
    assert_eq!(status.running_late.len(), 1);
    assert_eq!(status.running_late[0].since, s.app.now());
}

#[tokio::test]
async fn the_note_goes_once_its_author_is_in_the_room() {
    let fake = FakeLiveKit::default();
    let s = setup(&fake.start().await).await;
    let room = s.app.credentials(s.booking.id, &s.pro).await.room_name;
    assert_eq!(say_late(&s.app, s.booking.id, Some(&s.pro)).await, 204);
    assert_eq!(say_late(&s.app, s.booking.id, Some(&s.ada)).await, 204);

    s.joined(&s.pro, "EV_1", &room).await;
    let status = s.app.room_status(s.booking.id, &s.ada).await;
    assert!(status.active);
    assert_eq!(
        status
            .running_late
            .iter()
            .map(|late| late.role)
            .collect::<Vec<_>>(),
        [Role::Client]
    );
}

#[tokio::test]
async fn only_the_two_people_may_say_it_and_nobody_else_learns_of_the_booking() {
    let s = setup(&super::support::closed_port_url()).await;
    let eve = s.app.client("Eve Client").await;
    assert_refused(
        s.app
            .post(&paths::booking_running_late(s.booking.id), None, None)
            .await,
        401,
        "unauthorized",
    )
    .await;
    assert_refused(
        s.app
            .post(&paths::booking_running_late(s.booking.id), None, Some(&eve))
            .await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        say_late(&s.app, BookingId(s.booking.id.0 + 1000), Some(&s.ada)).await,
        404
    );
    assert_no_note(&s, &s.pro).await;
}

#[tokio::test]
async fn only_from_an_hour_before_the_start_until_the_end() {
    let s = setup(&super::support::closed_port_url()).await;
    s.app.set_time(session_start() - Duration::minutes(61));
    refused_because(&s, "an hour before").await;

    s.app.set_time(session_end());
    assert_eq!(say_late(&s.app, s.booking.id, Some(&s.ada)).await, 409);
    s.app.set_time(session_start() - Duration::minutes(60));
    assert_eq!(say_late(&s.app, s.booking.id, Some(&s.ada)).await, 204);
}

#[tokio::test]
async fn a_cancelled_session_takes_no_note() {
    let s = setup(&super::support::closed_port_url()).await;
    let cancel = s
        .app
        .post(&paths::booking_cancel(s.booking.id), None, Some(&s.pro))
        .await;
    assert_eq!(cancel.status(), 200);
    refused_because(&s, "cancelled").await;
    assert_no_note(&s, &s.pro).await;
}
