//! The booking's LiveKit room as the server runs it, against the stand-in
//! RoomService: made for two before the first token is handed out, deleted
//! when the booking is cancelled or ten minutes after it ended, retried
//! when LiveKit was down, and recorded so that it is not done again.

use super::support::{assert_refused, session_end, session_start, TestApp};
use chrono::Duration;
use tandem_api::paths;
use tandem_api::BookingId;
use tandem_server::calls::closing;

async fn closed_at(app: &TestApp, booking: BookingId) -> Option<i64> {
    sqlx::query_scalar("SELECT closed_at FROM call_rooms WHERE booking_id = $1")
        .bind(booking.0)
        .fetch_one(app.state.db.writer())
        .await
        .expect("the booking has a room")
}

#[tokio::test]
async fn the_room_is_made_for_two_before_the_first_token_is_handed_out() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start() - Duration::minutes(5));

    let credentials = app.credentials(booking.id, &ada).await;

    let created = app.fake.created();
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(created[0].name, credentials.room_name);
    assert_eq!(created[0].max_participants, 2);
    assert_eq!(created[0].empty_timeout, 600);
    assert!(app.fake.has_room(&credentials.room_name));
}

#[tokio::test]
async fn no_token_is_handed_out_while_the_room_cannot_be_made() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start() - Duration::minutes(5));
    app.fake.set_down(true);

    let error = assert_refused(
        app.call(booking.id, Some(&ada)).await,
        503,
        "calls_unavailable",
    )
    .await;
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("try again")),
        "{error}"
    );

    app.fake.set_down(false);
    app.credentials(booking.id, &ada).await;
}

/// A booking whose client got a token tomorrow (so it can still be
/// cancelled), with its room open in LiveKit.
async fn booked_with_room(app: &TestApp) -> (BookingId, String, super::support::Person) {
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let start = session_start() + Duration::days(1);
    let booking = app.booking_at(&ada, &pro, start).await;
    // Inside the call window, before the start: cancelling is still allowed.
    app.set_time(start - Duration::minutes(5));
    let room = app.credentials(booking.id, &ada).await.room_name;
    assert!(app.fake.has_room(&room));
    (booking.id, room, ada)
}

#[tokio::test]
async fn cancelling_deletes_the_room_at_once() {
    let app = TestApp::new().await;
    let (booking, room, ada) = booked_with_room(&app).await;

    let cancel = app
        .post(&paths::booking_cancel(booking), None, Some(&ada))
        .await;
    assert_eq!(cancel.status(), 200);

    assert_eq!(app.fake.deleted(), vec![room.clone()]);
    assert!(!app.fake.has_room(&room));
    assert_eq!(closed_at(&app, booking).await, Some(app.now().timestamp()));
    // Recorded: the periodic pass does not delete it again.
    assert_eq!(closing::close_due(&app.state).await.expect("pass"), 0);
    assert_eq!(app.fake.deleted().len(), 1);
}

#[tokio::test]
async fn a_cancel_while_livekit_is_down_succeeds_and_the_room_is_closed_later() {
    let app = TestApp::new().await;
    let (booking, room, ada) = booked_with_room(&app).await;
    app.fake.set_down(true);

    let cancel = app
        .post(&paths::booking_cancel(booking), None, Some(&ada))
        .await;
    assert_eq!(cancel.status(), 200);
    assert!(app.fake.has_room(&room), "LiveKit was down");
    assert_eq!(closed_at(&app, booking).await, None);

    // Still down: the pass closes nothing and records nothing.
    assert_eq!(closing::close_due(&app.state).await.expect("pass"), 0);
    assert_eq!(closed_at(&app, booking).await, None);

    app.fake.set_down(false);
    assert_eq!(closing::close_due(&app.state).await.expect("pass"), 1);
    assert!(!app.fake.has_room(&room));
    assert!(closed_at(&app, booking).await.is_some());
}

#[tokio::test]
async fn the_room_is_deleted_ten_minutes_after_the_end_once() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start() - Duration::minutes(5));
    let room = app.credentials(booking.id, &ada).await.room_name;

    // During the session and the grace after it, the call stays open.
    app.set_time(session_end() + Duration::minutes(9));
    assert_eq!(closing::close_due(&app.state).await.expect("pass"), 0);
    assert!(app.fake.has_room(&room));

    app.set_time(session_end() + Duration::minutes(10));
    // Two server processes at once: both may ask, the room is closed.
    let (first, second) = tokio::join!(
        closing::close_due(&app.state),
        closing::close_due(&app.state)
    );
    assert!(first.expect("pass") + second.expect("pass") >= 1);
    assert!(!app.fake.has_room(&room));
    assert!(closed_at(&app, booking.id).await.is_some());

    // Recorded: later passes leave it alone.
    let asked = app.fake.deleted().len();
    assert_eq!(closing::close_due(&app.state).await.expect("pass"), 0);
    assert_eq!(app.fake.deleted().len(), asked);
}
