//! An app with a test clock and a temporary database file, people created
//! straight in the database (no slow password hashing), and the requests
//! the availability and booking tests send.

use super::common;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::sync::Arc;
use tandem_api::bookings::Booking;
use tandem_api::slots::Slot;
use tandem_api::{paths, SlotId, UserId};
use tandem_server::clock::TestClock;
use tandem_server::AppState;

/// Saturday 2026-11-21, 09:00 UTC.
pub fn start_time() -> DateTime<Utc> {
    utc(2026, 11, 21, 9, 0)
}

pub fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("valid time")
}

/// Somebody signed in: their id and the `Cookie` header of their session.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: UserId,
    pub cookie: String,
}

pub struct TestApp {
    pub state: AppState,
    pub clock: Arc<TestClock>,
    pub outbox: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn new() -> Self {
        Self::at(start_time()).await
    }

    /// An app whose clock says `now`.
    pub async fn at(now: DateTime<Utc>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = common::config(dir.path(), &[]);
        let outbox = config.mail.outbox_dir.clone();
        let clock = Arc::new(TestClock::new(now));
        let state = common::state(config).await.with_clock(clock.clone());
        Self {
            state,
            clock,
            outbox,
            _dir: dir,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.state.clock.now()
    }

    /// Moves the clock (sessions last 14 days: stay within them).
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
        Person { id, cookie }
    }

    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        common::send(&self.state, request).await
    }

    pub async fn get(&self, path: &str, who: Option<&Person>) -> Response<Body> {
        self.send(request("GET", path, who, None)).await
    }

    pub async fn post(&self, path: &str, body: Value, who: Option<&Person>) -> Response<Body> {
        self.send(request("POST", path, who, Some(body))).await
    }

    pub async fn put(&self, path: &str, body: Value, who: Option<&Person>) -> Response<Body> {
        self.send(request("PUT", path, who, Some(body))).await
    }

    pub async fn delete(&self, path: &str, who: Option<&Person>) -> Response<Body> {
        self.send(request("DELETE", path, who, None)).await
    }

    /// `POST /api/slots`, as it answered.
    pub async fn try_create_slot(
        &self,
        professional: &Person,
        start: DateTime<Utc>,
        minutes: i64,
        price_cents: i64,
    ) -> Response<Body> {
        let body = json!({
            "start_time": start,
            "end_time": start + Duration::minutes(minutes),
            "price_cents": price_cents,
        });
        self.post(paths::SLOTS, body, Some(professional)).await
    }

    /// A slot of `minutes` from `start`, which must be accepted.
    pub async fn slot(&self, professional: &Person, start: DateTime<Utc>, minutes: i64) -> Slot {
        let response = self
            .try_create_slot(professional, start, minutes, 8_000)
            .await;
        created(response).await
    }

    pub async fn try_book(&self, client: &Person, slot: SlotId) -> Response<Body> {
        self.post(paths::BOOKINGS, json!({"slot_id": slot}), Some(client))
            .await
    }

    /// A booking, which must be accepted.
    pub async fn book(&self, client: &Person, slot: SlotId) -> Booking {
        created(self.try_book(client, slot).await).await
    }

    /// Delivers the due mail (as a server's worker would), then answers
    /// every email the outbox holds for `name`'s address, oldest first.
    pub async fn emails_to(&self, name: &str) -> Vec<String> {
        tandem_server::mail::worker::deliver_due(&self.state, "tests")
            .await
            .expect("the mail queue is readable");
        let suffix = format!("-{}.eml", email_of(name));
        let Ok(entries) = std::fs::read_dir(&self.outbox) else {
            return Vec::new();
        };
        let mut paths: Vec<_> = entries
            .map(|entry| entry.expect("outbox entry").path())
            .filter(|path| path.to_string_lossy().ends_with(&suffix))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| std::fs::read_to_string(path).expect("readable email"))
            .collect()
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.state.db.writer())
            .await
            .expect("count")
    }
}

/// The address `common::signed_in_user` gives `name`.
pub fn email_of(name: &str) -> String {
    format!("{}@example.com", name.to_lowercase().replace(' ', "."))
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

/// The body of a 200 response.
pub async fn ok<T: DeserializeOwned>(response: Response<Body>) -> T {
    expect_status(response, StatusCode::OK).await
}

/// The body of a 201 response.
pub async fn created<T: DeserializeOwned>(response: Response<Body>) -> T {
    expect_status(response, StatusCode::CREATED).await
}

async fn expect_status<T: DeserializeOwned>(response: Response<Body>, status: StatusCode) -> T {
    let actual = response.status();
    let body = common::body_bytes(response).await;
    assert_eq!(actual, status, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).expect("body of the expected type")
}

/// The status and error body of a refusal.
pub async fn refusal(response: Response<Body>) -> (StatusCode, Value) {
    let status = response.status();
    let body = common::body_json(response).await;
    assert!(
        body["error"]["code"].is_string() && body["error"]["message"].is_string(),
        "{body}"
    );
    (status, body["error"].clone())
}

/// Asserts a refusal with this status and code; its error body.
pub async fn assert_refused(response: Response<Body>, status: u16, code: &str) -> Value {
    let (actual, error) = refusal(response).await;
    assert_eq!(
        (actual.as_u16(), error["code"].as_str()),
        (status, Some(code)),
        "{error}"
    );
    error
}

/// The fields a 422 `validation_failed` names.
pub fn fields(error: &Value) -> Vec<String> {
    error["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .filter_map(|f| f["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
