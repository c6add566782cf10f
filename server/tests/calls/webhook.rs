//! `POST /api/livekit/webhook`: signature checks, replays, and the
//! participant record it keeps.

use super::support::{
    assert_refused, participant_event, room_event, session_start, sign, Person, TestApp, API_SECRET,
};
use chrono::{DateTime, Duration, Utc};
use tandem_api::auth::Role;
use tandem_api::bookings::Booking;
use tandem_api::calls::{RoomParticipant, RoomStatus};

/// An app in the call window with a booking whose room exists (the client
/// got a token).
struct Call {
    app: TestApp,
    pro: Person,
    ada: Person,
    booking: Booking,
    room: String,
}

impl Call {
    async fn new() -> Self {
        let app = TestApp::new().await;
        let pro = app.professional("Maya Pro").await;
        let ada = app.client("Ada Client").await;
        let booking = app.booking(&ada, &pro).await;
        app.set_time(session_start() - Duration::minutes(5));
        let room = app.credentials(booking.id, &ada).await.room_name;
        Self {
            app,
            pro,
            ada,
            booking,
            room,
        }
    }

    fn now(&self) -> DateTime<Utc> {
        self.app.now()
    }

    /// A participant event about `who` on the connection `sid`.
    fn event(
        &self,
        id: &str,
        kind: &str,
        who: &Person,
        sid: &str,
        at: DateTime<Utc>,
    ) -> serde_json::Value {
        let identity = who.id.to_string();
        participant_event(id, kind, &self.room, (&identity, sid), &who.name, at)
    }

    async fn status(&self) -> RoomStatus {
        self.app.room_status(self.booking.id, &self.ada).await
    }
}

fn ada_in(call: &Call) -> RoomParticipant {
    RoomParticipant {
        identity: call.ada.id.to_string(),
        name: "Ada Client".into(),
        role: Role::Client,
    }
}

#[tokio::test]
async fn a_signed_join_and_leave_update_the_room() {
    let call = Call::new().await;
    let t = call.now();
    assert_eq!(
        call.status().await,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );

    call.app
        .deliver(&call.event("EV_1", "participant_joined", &call.ada, "PA_1", t))
        .await;
    assert_eq!(
        call.status().await,
        RoomStatus {
            active: true,
            participants: vec![ada_in(&call)],
            running_late: vec![],
        }
    );

    let pro_joins = call.event(
        "EV_2",
        "participant_joined",
        &call.pro,
        "PA_2",
        t + Duration::seconds(20),
    );
    call.app.deliver(&pro_joins).await;
    let both = call.app.room_status(call.booking.id, &call.pro).await;
    assert_eq!(
        both.participants
            .iter()
            .map(|p| (p.identity.clone(), p.name.as_str(), p.role))
            .collect::<Vec<_>>(),
        [
            (call.ada.id.to_string(), "Ada Client", Role::Client),
            (call.pro.id.to_string(), "Maya Pro", Role::Professional),
        ]
    );

    call.app
        .deliver(&call.event(
            "EV_3",
            "participant_left",
            &call.ada,
            "PA_1",
            t + Duration::seconds(60),
        ))
        .await;
    let status = call.status().await;
    assert!(status.active);
    assert_eq!(status.participants.len(), 1);
    assert_eq!(status.participants[0].role, Role::Professional);

    call.app
        .deliver(&call.event(
            "EV_4",
            "participant_left",
            &call.pro,
            "PA_2",
            t + Duration::seconds(61),
        ))
        .await;
    assert_eq!(
        call.status().await,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );
}

#[tokio::test]
async fn a_bad_or_missing_signature_is_401_and_changes_nothing() {
    let call = Call::new().await;
    let body = call
        .event("EV_1", "participant_joined", &call.ada, "PA_1", call.now())
        .to_string();
    let before = call.app.call_records().await;

    for authorization in [
        None,
        Some(String::new()),
        Some("not a token".to_owned()),
        Some(sign(&body, "another-secret-that-is-long-enough-xyz")),
    ] {
        let response = call.app.webhook(&body, authorization.as_deref()).await;
        assert_refused(response, 401, "unauthorized").await;
    }
    assert_eq!(call.app.call_records().await, before);
    assert!(!call.status().await.active);
}

#[tokio::test]
async fn a_valid_signature_over_another_body_is_401_and_changes_nothing() {
    let call = Call::new().await;
    let signed = call
        .event("EV_1", "participant_left", &call.ada, "PA_1", call.now())
        .to_string();
    let authorization = sign(&signed, API_SECRET);
    let changed = call
        .event("EV_1", "participant_joined", &call.ada, "PA_1", call.now())
        .to_string();
    let before = call.app.call_records().await;

    let response = call.app.webhook(&changed, Some(&authorization)).await;
    assert_refused(response, 401, "unauthorized").await;
    // One extra space is a changed body too.
    let response = call
        .app
        .webhook(&format!("{signed} "), Some(&authorization))
        .await;
    assert_refused(response, 401, "unauthorized").await;

    assert_eq!(call.app.call_records().await, before);
    assert!(!call.status().await.active);
}

#[tokio::test]
async fn a_replayed_event_is_answered_200_and_not_applied_again() {
    let call = Call::new().await;
    let body = call
        .event("EV_1", "participant_joined", &call.ada, "PA_1", call.now())
        .to_string();
    let authorization = sign(&body, API_SECRET);
    assert_eq!(
        call.app.webhook(&body, Some(&authorization)).await.status(),
        200
    );
    let applied = call.app.call_records().await;

    call.app.advance(Duration::seconds(30));
    for _ in 0..2 {
        let response = call.app.webhook(&body, Some(&authorization)).await;
        assert_eq!(response.status(), 200);
    }
    // Not even the time of the room's last event moved.
    assert_eq!(call.app.call_records().await, applied);
    assert_eq!(call.app.count("livekit_webhook_events").await, 1);
}

#[tokio::test]
async fn an_old_join_arriving_after_the_leave_does_not_bring_anyone_back() {
    let call = Call::new().await;
    let t = call.now();
    let join = call.event("EV_1", "participant_joined", &call.ada, "PA_1", t);
    let leave = call.event(
        "EV_2",
        "participant_left",
        &call.ada,
        "PA_1",
        t + Duration::seconds(30),
    );

    call.app.deliver(&leave).await;
    call.app.deliver(&join).await;
    assert!(!call.status().await.active);

    // A later, new connection of the same person counts.
    let rejoin = call.event(
        "EV_3",
        "participant_joined",
        &call.ada,
        "PA_9",
        t + Duration::seconds(40),
    );
    call.app.deliver(&rejoin).await;
    assert_eq!(call.status().await.participants, [ada_in(&call)]);
}

#[tokio::test]
async fn the_leave_of_an_old_connection_does_not_remove_the_new_one() {
    let call = Call::new().await;
    let t = call.now();
    call.app
        .deliver(&call.event("EV_1", "participant_joined", &call.ada, "PA_old", t))
        .await;
    // Ada reconnects: LiveKit closes the old connection after the new one joined.
    call.app
        .deliver(&call.event(
            "EV_2",
            "participant_joined",
            &call.ada,
            "PA_new",
            t + Duration::seconds(5),
        ))
        .await;
    call.app
        .deliver(&call.event(
            "EV_3",
            "participant_left",
            &call.ada,
            "PA_old",
            t + Duration::seconds(6),
        ))
        .await;
    assert_eq!(call.status().await.participants, [ada_in(&call)]);

    // A quick leave and rejoin within one second, in order.
    let t2 = t + Duration::seconds(10);
    call.app
        .deliver(&call.event("EV_4", "participant_left", &call.ada, "PA_new", t2))
        .await;
    call.app
        .deliver(&call.event("EV_5", "participant_joined", &call.ada, "PA_next", t2))
        .await;
    assert_eq!(call.status().await.participants, [ada_in(&call)]);
}

#[tokio::test]
async fn room_finished_means_everyone_left() {
    let call = Call::new().await;
    let t = call.now();
    call.app
        .deliver(&call.event("EV_1", "participant_joined", &call.ada, "PA_1", t))
        .await;
    call.app
        .deliver(&call.event("EV_2", "participant_joined", &call.pro, "PA_2", t))
        .await;
    assert_eq!(call.status().await.participants.len(), 2);

    call.app
        .deliver(&room_event(
            "EV_3",
            "room_finished",
            &call.room,
            t + Duration::minutes(2),
        ))
        .await;
    assert_eq!(
        call.status().await,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );
}

#[tokio::test]
async fn only_the_two_people_of_the_booking_are_listed() {
    let call = Call::new().await;
    let recorder = participant_event(
        "EV_1",
        "participant_joined",
        &call.room,
        ("EG_recorder", "PA_rec"),
        "Recorder",
        call.now(),
    );
    call.app.deliver(&recorder).await;
    assert_eq!(
        call.status().await,
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: vec![],
        }
    );
}

#[tokio::test]
async fn events_of_rooms_that_are_no_booking_are_accepted_and_ignored() {
    let call = Call::new().await;
    let identity = call.ada.id.to_string();
    let event = participant_event(
        "EV_1",
        "participant_joined",
        "some-other-room-of-another-app",
        (&identity, "PA_1"),
        "Ada Client",
        call.now(),
    );
    call.app.deliver(&event).await;
    assert_eq!(call.app.count("call_participants").await, 0);
    assert!(!call.status().await.active);
}

#[tokio::test]
async fn the_webhook_needs_no_same_site_headers() {
    let call = Call::new().await;
    let body = call
        .event("EV_1", "participant_joined", &call.ada, "PA_1", call.now())
        .to_string();
    let request = axum::http::Request::post(tandem_api::paths::LIVEKIT_WEBHOOK)
        .header("content-type", "application/webhook+json")
        .header("origin", "https://livekit.example.com")
        .header("sec-fetch-site", "cross-site")
        .header("authorization", sign(&body, API_SECRET))
        .body(axum::body::Body::from(body))
        .expect("valid request");
    assert_eq!(call.app.send(request).await.status(), 200);
    assert!(call.status().await.active);
}

#[tokio::test]
async fn without_livekit_the_webhook_is_503() {
    let app = TestApp::without_livekit().await;
    let body = room_event("EV_1", "room_started", "any-room-name-at-all", app.now()).to_string();
    let response = app.webhook(&body, Some(&sign(&body, API_SECRET))).await;
    assert_refused(response, 503, "calls_unavailable").await;
    assert_eq!(app.count("livekit_webhook_events").await, 0);
}
