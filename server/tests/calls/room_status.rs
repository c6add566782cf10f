//! `GET /api/bookings/{id}/room`: answered from the webhook record; when
//! webhooks are quiet, reconciled with LiveKit's participant list at most
//! once per room every few seconds; never failing because LiveKit does.

use super::common;
use super::fake_livekit::FakeLiveKit;
use super::support::{assert_refused, participant_event, session_start, Person, TestApp};
use chrono::Duration;
use std::time::Duration as StdDuration;
use tandem_api::auth::Role;
use tandem_api::bookings::Booking;
use tandem_api::calls::RoomStatus;
use tandem_api::{paths, BookingId};

/// Waits for the request, failing the test if it hangs (LiveKit not
/// answering must never hold a poll for long).
async fn within_limits<F: std::future::Future>(future: F) -> F::Output {
    tokio::time::timeout(StdDuration::from_secs(30), future)
        .await
        .expect("the request did not hang")
}

/// A booking of Ada with Maya, five minutes before its start.
pub(super) struct Setup {
    pub app: TestApp,
    pub pro: Person,
    pub ada: Person,
    pub booking: Booking,
}

/// A booking in its call window on an app whose LiveKit is at `url`.
pub(super) async fn setup(url: &str) -> Setup {
    let app = TestApp::with_livekit_at(url).await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start() - Duration::minutes(5));
    Setup {
        app,
        pro,
        ada,
        booking,
    }
}

impl Setup {
    pub async fn joined(&self, who: &Person, id: &str, room: &str) {
        let identity = who.id.to_string();
        let event = participant_event(
            id,
            "participant_joined",
            room,
            (&identity, &format!("PA_{identity}")),
            &who.name,
            self.app.now(),
        );
        self.app.deliver(&event).await;
    }
}

#[tokio::test]
async fn signed_out_is_401_and_strangers_and_missing_bookings_get_the_same_404() {
    let s = setup(&super::support::closed_port_url()).await;
    let eve = s.app.client("Eve Client").await;

    assert_refused(s.app.room(s.booking.id, None).await, 401, "unauthorized").await;
    let stranger = common::body_json(s.app.room(s.booking.id, Some(&eve)).await).await;
    let missing = s
        .app
        .room(BookingId(s.booking.id.0 + 1000), Some(&eve))
        .await;
    assert_eq!(missing.status(), 404);
    assert_eq!(common::body_json(missing).await, stranger);
    assert_eq!(stranger["error"]["code"], "not_found");
}

#[tokio::test]
async fn the_status_is_not_cached() {
    let s = setup(&super::support::closed_port_url()).await;
    let response = s.app.room(s.booking.id, Some(&s.ada)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
}

#[tokio::test]
async fn with_fresh_webhooks_the_record_answers_and_livekit_is_not_asked() {
    let fake = FakeLiveKit::default();
    let s = setup(&fake.start().await).await;
    let room = s.app.credentials(s.booking.id, &s.ada).await.room_name;
    // LiveKit would say otherwise: proof that it is not asked.
    fake.set_room(&room, &[]);
    s.joined(&s.ada, "EV_1", &room).await;

    for _ in 0..5 {
        let status = s.app.room_status(s.booking.id, &s.pro).await;
        assert!(status.active);
        assert_eq!(status.participants[0].identity, s.ada.id.to_string());
        assert_eq!(status.participants[0].role, Role::Client);
        s.app.advance(Duration::seconds(10));
    }
    assert_eq!(fake.requests(), 0);
}

#[tokio::test]
async fn with_livekit_unreachable_the_record_still_answers() {
    let fake = FakeLiveKit::default();
    let s = setup(&fake.start().await).await;
    let room = s.app.credentials(s.booking.id, &s.ada).await.room_name;
    fake.set_down(true);
    s.joined(&s.pro, "EV_1", &room).await;

    let status = within_limits(s.app.room_status(s.booking.id, &s.ada)).await;
    assert_eq!(status.participants.len(), 1);
    assert_eq!(status.participants[0].role, Role::Professional);
    assert_eq!(status.participants[0].name, "Maya Pro");

    // Webhooks go quiet and LiveKit cannot be asked: still the record.
    s.app.advance(Duration::minutes(5));
    let status = within_limits(s.app.room_status(s.booking.id, &s.ada)).await;
    assert!(status.active);
    assert_eq!(status.participants[0].role, Role::Professional);
}

#[tokio::test]
async fn with_no_webhook_data_and_livekit_unreachable_nobody_is_there() {
    let fake = FakeLiveKit::default();
    let s = setup(&fake.start().await).await;
    s.app.credentials(s.booking.id, &s.ada).await;
    fake.set_down(true);
    let status = within_limits(s.app.room_status(s.booking.id, &s.pro)).await;
    assert_eq!(
        status,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );
}

#[tokio::test]
async fn a_room_never_made_is_empty_without_asking_livekit() {
    let fake = FakeLiveKit::default();
    let s = setup(&fake.start().await).await;
    let status = s.app.room_status(s.booking.id, &s.ada).await;
    assert_eq!(
        status,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );
    assert_eq!(fake.requests(), 0);
}

#[tokio::test]
async fn without_webhooks_livekit_is_asked_once_per_room_every_five_seconds() {
    let fake = FakeLiveKit::default();
    let s = setup(&fake.start().await).await;
    let room = s.app.credentials(s.booking.id, &s.ada).await.room_name;
    let ada_id = s.ada.id.to_string();
    fake.set_room(
        &room,
        &[(&ada_id, "Ada Client"), ("EG_recorder", "Recorder")],
    );

    let status = s.app.room_status(s.booking.id, &s.pro).await;
    assert_eq!(status.participants.len(), 1);
    assert_eq!(
        (
            status.participants[0].identity.as_str(),
            status.participants[0].role
        ),
        (ada_id.as_str(), Role::Client)
    );
    assert_eq!(fake.requests(), 1);
    // The answer was written into the record.
    assert_eq!(s.app.count("call_participants").await, 2);

    // Within five seconds: from the record, LiveKit is not asked.
    fake.remove_room(&room);
    s.app.advance(Duration::seconds(4));
    for who in [&s.ada, &s.pro, &s.ada] {
        assert!(s.app.room_status(s.booking.id, who).await.active);
    }
    assert_eq!(fake.requests(), 1);

    // After five seconds: asked again; no room in LiveKit means nobody.
    s.app.advance(Duration::seconds(1));
    let status = s.app.room_status(s.booking.id, &s.ada).await;
    assert_eq!(
        status,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );
    assert_eq!(fake.requests(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_polls_at_once_cause_one_livekit_request() {
    let fake = FakeLiveKit::default();
    fake.set_delay(StdDuration::from_millis(300));
    let s = setup(&fake.start().await).await;
    let room = s.app.credentials(s.booking.id, &s.ada).await.room_name;
    let pro_id = s.pro.id.to_string();
    fake.set_room(&room, &[(&pro_id, "Maya Pro")]);

    let mut polls = tokio::task::JoinSet::new();
    for i in 0..12 {
        let state = s.app.state.clone();
        let who = if i % 2 == 0 {
            s.ada.clone()
        } else {
            s.pro.clone()
        };
        let path = paths::booking_room(s.booking.id);
        polls.spawn(async move {
            let request = super::support::request("GET", &path, Some(&who), None);
            let response = common::send(&state, request).await;
            assert_eq!(response.status(), 200);
            let status: RoomStatus =
                serde_json::from_slice(&common::body_bytes(response).await).expect("status");
            status
        });
    }
    while let Some(status) = polls.join_next().await {
        let status = status.expect("poll");
        assert!(status.active, "every poll sees the reconciled record");
        assert_eq!(status.participants[0].identity, pro_id);
    }
    assert_eq!(fake.requests(), 1);
}

#[tokio::test]
async fn when_webhooks_go_quiet_livekit_corrects_the_record() {
    let fake = FakeLiveKit::default();
    let s = setup(&fake.start().await).await;
    let room = s.app.credentials(s.booking.id, &s.ada).await.room_name;
    s.joined(&s.ada, "EV_1", &room).await;
    s.joined(&s.pro, "EV_2", &room).await;
    // The leave webhooks were lost; LiveKit knows the room is gone.
    fake.remove_room(&room);

    s.app.advance(Duration::seconds(59));
    assert_eq!(
        s.app
            .room_status(s.booking.id, &s.ada)
            .await
            .participants
            .len(),
        2
    );
    assert_eq!(fake.requests(), 0);

    s.app.advance(Duration::seconds(1));
    let status = s.app.room_status(s.booking.id, &s.ada).await;
    assert_eq!(
        status,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );
    assert_eq!(fake.requests(), 1);
    let left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM call_participants WHERE room_name = $1 AND left_at IS NOT NULL",
    )
    .bind(&room)
    .fetch_one(s.app.state.db.writer())
    .await
    .expect("count");
    assert_eq!(left, 2);
}
