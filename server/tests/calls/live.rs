//! Against a real `livekit-server` (its dev keys `devkey: secret`): the
//! room status is reconciled with LiveKit's real answers, and LiveKit's
//! own webhook deliveries pass the signature check.

use super::support::{session_start, Person, TestApp};
use chrono::Duration;
use livekit_api::services::room::{CreateRoomOptions, RoomClient};
use std::time::Duration as StdDuration;
use tandem_api::bookings::Booking;
use tandem_api::calls::RoomStatus;

/// The LiveKit server to test against, from `TANDEM_TEST_LIVEKIT_URL`.
fn test_livekit_url() -> String {
    std::env::var("TANDEM_TEST_LIVEKIT_URL").expect("TANDEM_TEST_LIVEKIT_URL is set")
}

/// Where that LiveKit server sends its webhooks, from
/// `TANDEM_TEST_LIVEKIT_WEBHOOK_ADDR` (its config names
/// `http://{addr}/api/livekit/webhook`).
fn test_webhook_addr() -> String {
    std::env::var("TANDEM_TEST_LIVEKIT_WEBHOOK_ADDR")
        .expect("TANDEM_TEST_LIVEKIT_WEBHOOK_ADDR is set")
}

/// An app using that LiveKit, in the call window of a booking whose room
/// was given a name (the client got a token).
struct Live {
    app: TestApp,
    ada: Person,
    booking: Booking,
    room: String,
    rooms: RoomClient,
}

impl Live {
    async fn new(url: &str) -> Self {
        let app = TestApp::with_vars(&[
            ("TANDEM_MODE", "dev"),
            ("LIVEKIT_URL", url),
            ("LIVEKIT_API_KEY", "devkey"),
            ("LIVEKIT_API_SECRET", "secret"),
        ])
        .await;
        let pro = app.professional("Maya Pro").await;
        let ada = app.client("Ada Client").await;
        let booking = app.booking(&ada, &pro).await;
        app.set_time(session_start() - Duration::minutes(5));
        let credentials = app.credentials(booking.id, &ada).await;
        assert_eq!(credentials.livekit_url, url);
        Self {
            app,
            ada,
            booking,
            room: credentials.room_name,
            rooms: RoomClient::with_api_key(url, "devkey", "secret"),
        }
    }
}

fn nobody() -> RoomStatus {
    RoomStatus {
        active: false,
        participants: vec![],
        running_late: vec![],
    }
}

#[tokio::test]
#[ignore = "needs a running livekit-server: set TANDEM_TEST_LIVEKIT_URL and run with --ignored"]
async fn a_real_livekit_room_is_reconciled() {
    let live = Live::new(&test_livekit_url()).await;

    // No such room in LiveKit yet: nobody is there.
    assert_eq!(
        live.app.room_status(live.booking.id, &live.ada).await,
        nobody()
    );

    // The room exists, still empty.
    live.rooms
        .create_room(&live.room, CreateRoomOptions::default())
        .await
        .expect("room created");
    live.app.advance(Duration::seconds(5));
    assert_eq!(
        live.app.room_status(live.booking.id, &live.ada).await,
        nobody()
    );
    live.rooms
        .delete_room(&live.room)
        .await
        .expect("room deleted");
}

#[tokio::test]
#[ignore = "needs a running livekit-server sending webhooks here: set TANDEM_TEST_LIVEKIT_URL and TANDEM_TEST_LIVEKIT_WEBHOOK_ADDR, run with --ignored"]
async fn real_webhook_deliveries_are_accepted() {
    // Listening before the first token: the server makes the room then,
    // and LiveKit reports it at once.
    let listener = tokio::net::TcpListener::bind(test_webhook_addr())
        .await
        .expect("the webhook address is free");
    let live = Live::new(&test_livekit_url()).await;
    let router = tandem_server::app(live.app.state.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });

    live.rooms
        .create_room(&live.room, CreateRoomOptions::default())
        .await
        .expect("room created");
    live.rooms
        .delete_room(&live.room)
        .await
        .expect("room deleted");

    // LiveKit delivers room_started and room_finished, each signed, and
    // the room notes that it heard from LiveKit. Other tests' rooms on the
    // same LiveKit may add their events, so both kinds can be there before
    // this room's own: wait for the room's mark as well.
    let mut kinds: Vec<String> = Vec::new();
    let mut last_event_at: Option<i64> = None;
    for _ in 0..100 {
        kinds = sqlx::query_scalar(
            "SELECT DISTINCT event FROM livekit_webhook_events
             WHERE event IN ('room_started', 'room_finished') ORDER BY event",
        )
        .fetch_all(live.app.state.db.writer())
        .await
        .expect("events");
        last_event_at =
            sqlx::query_scalar("SELECT last_event_at FROM call_rooms WHERE room_name = $1")
                .bind(&live.room)
                .fetch_one(live.app.state.db.writer())
                .await
                .expect("room");
        if kinds.len() >= 2 && last_event_at.is_some() {
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    assert_eq!(kinds, ["room_finished", "room_started"]);
    assert_eq!(last_event_at, Some(live.app.now().timestamp()));
}

#[tokio::test]
#[ignore = "needs a running livekit-server: set TANDEM_TEST_LIVEKIT_URL and run with --ignored"]
async fn a_real_livekit_room_is_made_for_two_and_deleted_on_cancel() {
    let url = test_livekit_url();
    let app = TestApp::with_vars(&[
        ("TANDEM_MODE", "dev"),
        ("LIVEKIT_URL", &url),
        ("LIVEKIT_API_KEY", "devkey"),
        ("LIVEKIT_API_SECRET", "secret"),
    ])
    .await;
    let rooms = RoomClient::with_api_key(&url, "devkey", "secret");
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    // Tomorrow's session, in its call window: it can still be cancelled.
    let start = session_start() + Duration::days(1);
    let booking = app.booking_at(&ada, &pro, start).await;
    app.set_time(start - Duration::minutes(5));

    let room = app.credentials(booking.id, &ada).await.room_name;
    let listed = rooms
        .list_rooms(vec![room.clone()])
        .await
        .expect("LiveKit lists rooms");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].max_participants, 2);
    assert_eq!(listed[0].empty_timeout, 600);

    let cancel = app
        .post(
            &tandem_api::paths::booking_cancel(booking.id),
            None,
            Some(&ada),
        )
        .await;
    assert_eq!(cancel.status(), 200);
    let listed = rooms
        .list_rooms(vec![room.clone()])
        .await
        .expect("LiveKit lists rooms");
    assert!(listed.is_empty(), "{listed:?}");
    // Deleting it again is harmless.
    tandem_server::calls::closing::close_due(&app.state)
        .await
        .expect("pass");
}
