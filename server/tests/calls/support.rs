//! An app with a test clock, a temporary database file and a LiveKit
//! configuration (a closed loopback port, a stand-in RoomService, or
//! none); people created straight in the database; bookings made through
//! the API; webhook events signed the way LiveKit signs them.

use super::common;
use super::fake_livekit::FakeLiveKit;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Duration, TimeZone, Utc};
use livekit_api::access_token::AccessToken;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tandem_api::bookings::Booking;
use tandem_api::calls::{CallCredentials, RoomStatus};
use tandem_api::slots::Slot;
use tandem_api::{paths, BookingId, UserId};
use tandem_server::clock::TestClock;
use tandem_server::AppState;

pub const API_KEY: &str = "tandem-test-key";
/// Long enough for production mode; made up for these tests only.
pub const API_SECRET: &str = "tandem-test-secret-0123456789abcdefghij";

/// Saturday 2026-11-21, 09:00 UTC: when every test starts.
pub fn start_time() -> DateTime<Utc> {
    utc(9, 0)
}

/// The session every test books: 10:00 to 11:00 that day.
pub fn session_start() -> DateTime<Utc> {
    utc(10, 0)
}

pub const SESSION_MINUTES: i64 = 60;

pub fn session_end() -> DateTime<Utc> {
    session_start() + Duration::minutes(SESSION_MINUTES)
}

pub fn utc(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, hour, minute, 0)
        .single()
        .expect("valid time")
}

/// A loopback URL nobody listens on.
pub fn closed_port_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("free port")
        .port();
    format!("ws://127.0.0.1:{port}")
}

/// Somebody signed in: their id, name and the `Cookie` header of their
/// session.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: UserId,
    pub name: String,
    pub cookie: String,
}

pub struct TestApp {
    pub state: AppState,
    pub clock: Arc<TestClock>,
    /// The stand-in RoomService of [`TestApp::new`].
    pub fake: FakeLiveKit,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// LiveKit configured at a stand-in RoomService: rooms are made and
    /// deleted there, and it knows no participants.
    pub async fn new() -> Self {
        let fake = FakeLiveKit::default();
        let mut app = Self::with_livekit_at(&fake.start().await).await;
        app.fake = fake;
        app
    }

    pub async fn with_livekit_at(url: &str) -> Self {
        Self::with_vars(&[
            ("LIVEKIT_URL", url),
            ("LIVEKIT_API_KEY", API_KEY),
            ("LIVEKIT_API_SECRET", API_SECRET),
        ])
        .await
    }

    /// Production mode without LiveKit: calls are not configured.
    pub async fn without_livekit() -> Self {
        Self::with_vars(&[]).await
    }

    pub async fn with_vars(vars: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = common::config(dir.path(), vars);
        let clock = Arc::new(TestClock::new(start_time()));
        let state = common::state(config).await.with_clock(clock.clone());
        Self {
            state,
            clock,
            fake: FakeLiveKit::default(),
            _dir: dir,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.state.clock.now()
    }

    pub fn set_time(&self, now: DateTime<Utc>) {
        self.clock.set(now);
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    pub async fn professional(&self, name: &str) -> Person {
        self.person(name, "professional", true).await
    }

    pub async fn client(&self, name: &str) -> Person {
        self.person(name, "client", true).await
    }

    pub async fn unverified_client(&self, name: &str) -> Person {
        self.person(name, "client", false).await
    }

    /// An account (whose password hash is never checked) with a session.
    async fn person(&self, name: &str, role: &str, verified: bool) -> Person {
        let (id, cookie) =
            common::signed_in_user(&self.state, name, role, verified, self.now()).await;
        Person {
            id,
            name: name.to_owned(),
            cookie,
        }
    }

    /// The professional's slot at `start` for [`SESSION_MINUTES`], booked
    /// by the client, through the API (the clock must be before `start`).
    pub async fn booking_at(&self, client: &Person, pro: &Person, start: DateTime<Utc>) -> Booking {
        let body = json!({
            "start_time": start,
            "end_time": start + Duration::minutes(SESSION_MINUTES),
            "price_cents": 8_000,
        });
        let slot: Slot = expect(
            self.post(paths::SLOTS, Some(body), Some(pro)).await,
            StatusCode::CREATED,
        )
        .await;
        let body = json!({"slot_id": slot.id});
        expect(
            self.post(paths::BOOKINGS, Some(body), Some(client)).await,
            StatusCode::CREATED,
        )
        .await
    }

    /// A booking of the session at [`session_start`].
    pub async fn booking(&self, client: &Person, pro: &Person) -> Booking {
        self.booking_at(client, pro, session_start()).await
    }

    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        common::send(&self.state, request).await
    }

    pub async fn get(&self, path: &str, who: Option<&Person>) -> Response<Body> {
        self.send(request("GET", path, who, None)).await
    }

    pub async fn post(
        &self,
        path: &str,
        body: Option<Value>,
        who: Option<&Person>,
    ) -> Response<Body> {
        self.send(request("POST", path, who, body)).await
    }

    /// `POST /api/bookings/{id}/call`, as it answered.
    pub async fn call(&self, booking: BookingId, who: Option<&Person>) -> Response<Body> {
        self.post(&paths::booking_call(booking), None, who).await
    }

    /// Call credentials, which must be granted.
    pub async fn credentials(&self, booking: BookingId, who: &Person) -> CallCredentials {
        expect(self.call(booking, Some(who)).await, StatusCode::OK).await
    }

    /// `GET /api/bookings/{id}/room`, as it answered.
    pub async fn room(&self, booking: BookingId, who: Option<&Person>) -> Response<Body> {
        self.get(&paths::booking_room(booking), who).await
    }

    /// The room status, which must be answered.
    pub async fn room_status(&self, booking: BookingId, who: &Person) -> RoomStatus {
        expect(self.room(booking, Some(who)).await, StatusCode::OK).await
    }

    /// `POST /api/livekit/webhook` with this body and `Authorization`.
    pub async fn webhook(&self, body: &str, authorization: Option<&str>) -> Response<Body> {
        let mut request = Request::post(paths::LIVEKIT_WEBHOOK)
            .header("content-type", "application/webhook+json");
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        self.send(
            request
                .body(Body::from(body.to_owned()))
                .expect("valid request"),
        )
        .await
    }

    /// Delivers the event signed with our key, as LiveKit does; must be
    /// accepted.
    pub async fn deliver(&self, event: &Value) {
        let body = event.to_string();
        let response = self.webhook(&body, Some(&sign(&body, API_SECRET))).await;
        let status = response.status();
        let text = String::from_utf8_lossy(&common::body_bytes(response).await).into_owned();
        assert_eq!(status, StatusCode::OK, "{text}");
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.state.db.writer())
            .await
            .expect("count")
    }

    /// The booking's room name, once a token was minted for it.
    pub async fn room_name(&self, booking: BookingId) -> String {
        sqlx::query_scalar("SELECT room_name FROM call_rooms WHERE booking_id = $1")
            .bind(booking.0)
            .fetch_one(self.state.db.writer())
            .await
            .expect("the booking has a room")
    }

    /// Everything the webhook and reconciliation write, for comparing
    /// before and after a request.
    pub async fn call_records(&self) -> Value {
        // One row per participant, every column, in a fixed order.
        type Participant = (String, String, String, String, i64, Option<i64>, i64);
        let participants: Vec<Participant> = sqlx::query_as(
            "SELECT room_name, identity, sid, name, joined_at, left_at, event_at
             FROM call_participants ORDER BY room_name, identity",
        )
        .fetch_all(self.state.db.writer())
        .await
        .expect("participants");
        let rooms: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT booking_id, room_name, last_event_at FROM call_rooms ORDER BY booking_id",
        )
        .fetch_all(self.state.db.writer())
        .await
        .expect("rooms");
        let events: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT id, event, received_at FROM livekit_webhook_events ORDER BY id")
                .fetch_all(self.state.db.writer())
                .await
                .expect("events");
        json!({"participants": participants, "rooms": rooms, "events": events})
    }
}

/// The `Authorization` value LiveKit sends with a webhook: a token signed
/// with the API key and `secret`, whose `sha256` claim is the base64 of the
/// SHA-256 of the body.
pub fn sign(body: &str, secret: &str) -> String {
    let hash = STANDARD.encode(Sha256::digest(body.as_bytes()));
    AccessToken::with_api_key(API_KEY, secret)
        .with_sha256(&hash)
        .to_jwt()
        .expect("webhook token")
}

/// A webhook event about `who` (an identity and connection id) in `room`,
/// created at `at`, in LiveKit's JSON.
pub fn participant_event(
    id: &str,
    kind: &str,
    room: &str,
    who: (&str, &str),
    name: &str,
    at: DateTime<Utc>,
) -> Value {
    let (identity, sid) = who;
    json!({
        "id": id,
        "event": kind,
        "createdAt": at.timestamp().to_string(),
        "room": {"sid": "RM_test", "name": room},
        "participant": {
            "sid": sid,
            "identity": identity,
            "name": name,
            "state": "ACTIVE",
            "joinedAt": at.timestamp().to_string(),
        },
    })
}

pub fn room_event(id: &str, kind: &str, room: &str, at: DateTime<Utc>) -> Value {
    json!({
        "id": id,
        "event": kind,
        "createdAt": at.timestamp().to_string(),
        "room": {"sid": "RM_test", "name": room},
    })
}

/// A request as the SPA sends it: JSON body, session cookie.
pub fn request(
    method: &str,
    path: &str,
    who: Option<&Person>,
    body: Option<Value>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(who) = who {
        builder = builder.header("cookie", &who.cookie);
    }
    let body = match body {
        Some(body) => {
            builder = builder.header("content-type", "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    builder.body(body).expect("valid request")
}

/// The body of a response that must have this status.
pub async fn expect<T: DeserializeOwned>(response: Response<Body>, status: StatusCode) -> T {
    let actual = response.status();
    let body = common::body_bytes(response).await;
    assert_eq!(actual, status, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).expect("body of the expected type")
}

/// Asserts a refusal with this status and code; its error body.
pub async fn assert_refused(response: Response<Body>, status: u16, code: &str) -> Value {
    let actual = response.status();
    let body = common::body_json(response).await;
    assert_eq!(
        (actual.as_u16(), body["error"]["code"].as_str()),
        (status, Some(code)),
        "{body}"
    );
    assert!(body["error"]["message"].is_string(), "{body}");
    body["error"].clone()
}
