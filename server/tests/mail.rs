//! Mail about sessions over a real SMTP server on loopback (the SMTP sink,
//! `common::smtp_sink`): what a booking mail holds as its recipient's
//! mailbox receives it, a relay that refuses or goes away for a while
//! (mail is late, never lost, never doubled), and two server processes
//! draining one queue. Ignored in plain `cargo test`: `cargo xtask test`
//! runs them with the sink's Python, on SQLite and on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::Request;
use chrono::{DateTime, Duration, TimeZone, Utc};
use common::smtp_sink::{SinkMessage, SmtpSink};
use icalendar::{Calendar, Component};
use serde_json::json;
use std::sync::Arc;
use tandem_api::paths;
use tandem_server::clock::TestClock;
use tandem_server::mail::{queue, worker};
use tandem_server::AppState;

const ARRIVAL: std::time::Duration = std::time::Duration::from_secs(10);

/// Saturday 2026-11-21, 09:00 UTC.
fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
        .single()
        .expect("valid time")
}

struct App {
    state: AppState,
    clock: Arc<TestClock>,
    _dir: tempfile::TempDir,
}

impl App {
    async fn sending_to(sink: &SmtpSink) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = common::config(dir.path(), &[("SMTP_URL", &sink.url())]);
        let clock = Arc::new(TestClock::new(start_time()));
        let state = common::state(config).await.with_clock(clock.clone());
        Self {
            state,
            clock,
            _dir: dir,
        }
    }

    /// Another server process on the same database and relay.
    async fn second_process(&self) -> AppState {
        AppState::new(
            (*self.state.config).clone(),
            common::open_database(&self.state.config).await,
        )
        .with_clock(self.clock.clone())
    }

    async fn person(&self, name: &str, role: &str) -> (i64, String) {
        let (id, cookie) =
            common::signed_in_user(&self.state, name, role, true, self.state.clock.now()).await;
        (id.0, cookie)
    }

    async fn post(&self, path: &str, body: serde_json::Value, cookie: &str) -> serde_json::Value {
        let request = Request::post(path)
            .header("content-type", "application/json")
            .header("cookie", cookie)
            .body(Body::from(body.to_string()))
            .expect("request");
        let response = common::send(&self.state, request).await;
        let status = response.status();
        let body = common::body_json(response).await;
        assert!(status.is_success(), "{path}: {status} {body}");
        body
    }

    /// A professional's slot `days` ahead at 10:00, booked by a client:
    /// the booking's id.
    async fn booking(&self, professional: &str, client: &str, days: i64) -> i64 {
        let (_, pro) = self.person(professional, "professional").await;
        let (_, client) = self.person(client, "client").await;
        let start = start_time() + Duration::days(days) + Duration::hours(1);
        let slot = self
            .post(
                paths::SLOTS,
                json!({"start_time": start, "end_time": start + Duration::minutes(50), "price_cents": 8000}),
                &pro,
            )
            .await;
        let booking = self
            .post(paths::BOOKINGS, json!({"slot_id": slot["id"]}), &client)
            .await;
        booking["id"].as_i64().expect("a booking id")
    }

    async fn deliver(&self) -> worker::Pass {
        worker::deliver_due(&self.state, "tests")
            .await
            .expect("the queue is readable")
    }

    async fn waiting(&self) -> i64 {
        queue::waiting(self.state.db.reader())
            .await
            .expect("the queue is readable")
    }
}

fn invitation(message: &SinkMessage) -> Calendar {
    let calendar = message
        .attachments_of_type("text/calendar")
        .next()
        .expect("a calendar part");
    let text = String::from_utf8(calendar.bytes.clone()).expect("UTF-8 calendar");
    text.parse().expect("RFC 5545 that a parser reads")
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn a_booking_mail_arrives_over_smtp_with_text_html_and_its_invitation() {
    let sink = SmtpSink::start();
    let app = App::sending_to(&sink).await;
    let id = app.booking("Maya Pro", "Ada Client", 4).await;
    assert_eq!(app.deliver().await.sent, 2);

    let messages = sink.wait_for(2, ARRIVAL).await;
    let to_ada = messages
        .iter()
        .find(|message| message.recipient == "ada.client@example.com")
        .expect("Ada's confirmation");
    assert!(to_ada
        .subject
        .starts_with("Booked: your session with Maya Pro"));
    let text = to_ada.text.as_deref().expect("a text part");
    assert!(
        text.contains("Wednesday 25 November 2026, 10:00 to 10:50 (UTC, UTC)"),
        "{text}"
    );
    assert!(text.contains(&format!("/call/{id}")), "{text}");
    let html = to_ada.html.as_deref().expect("an HTML part");
    assert!(
        html.contains("<a href=\"http://127.0.0.1:3000/sessions\">"),
        "{html}"
    );

    let calendar = invitation(to_ada);
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    let event = calendar.events().next().expect("one event");
    assert_eq!(
        event.get_uid(),
        Some(format!("booking-{id}@127.0.0.1").as_str())
    );
    assert_eq!(event.get_sequence(), Some(0));
    let start = start_time() + Duration::days(4) + Duration::hours(1);
    assert_eq!(
        event.get_start(),
        Some(icalendar::DatePerhapsTime::DateTime(
            icalendar::CalendarDateTime::Utc(start)
        ))
    );
    assert!(messages
        .iter()
        .any(|message| message.recipient == "maya.pro@example.com"));
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn a_relay_refusing_for_a_while_delays_mail_but_loses_none() {
    let sink = SmtpSink::start();
    let app = App::sending_to(&sink).await;
    sink.refuse(true);
    app.booking("Maya Pro", "Ada Client", 4).await;

    // Refused: kept, tried again after the backoff, refused again.
    let pass = app.deliver().await;
    assert_eq!((pass.sent, pass.retried), (0, 1), "{pass:?}");
    app.clock.advance(worker::backoff(0) + Duration::seconds(1));
    let pass = app.deliver().await;
    assert_eq!((pass.sent, pass.retried), (0, 1), "{pass:?}");
    assert!(sink.messages().is_empty());
    assert_eq!(app.waiting().await, 2);

    // The relay takes mail again: everything arrives, once.
    sink.refuse(false);
    app.clock.advance(Duration::hours(1));
    assert_eq!(app.deliver().await.sent, 2);
    let messages = sink.wait_for(2, ARRIVAL).await;
    assert_eq!(messages.len(), 2);
    assert_eq!(app.waiting().await, 0);
    app.clock.advance(Duration::hours(1));
    assert_eq!(app.deliver().await.sent, 0);
    assert_eq!(sink.messages().len(), 2);
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn messages_left_untried_by_a_refusal_are_free_for_any_process_at_once() {
    let sink = SmtpSink::start();
    let app = App::sending_to(&sink).await;
    app.booking("Maya Pro", "Ada Client", 4).await;
    sink.refuse(true);
    // One process claims both messages; the first is refused, so it
    // gives the second back untried instead of holding it for its lease.
    let pass = worker::deliver_due(&app.state, "process-a")
        .await
        .expect("process a");
    assert_eq!((pass.sent, pass.retried), (0, 1), "{pass:?}");

    sink.refuse(false);
    let second = app.second_process().await;
    let pass = worker::deliver_due(&second, "process-b")
        .await
        .expect("process b");
    assert_eq!(
        pass.sent, 1,
        "the untried message waits for nobody: {pass:?}"
    );
    assert_eq!(sink.wait_for(1, ARRIVAL).await.len(), 1);
    assert_eq!(
        app.waiting().await,
        1,
        "the refused one waits for its backoff"
    );
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn a_queue_longer_than_a_batch_is_sent_in_one_pass() {
    let sink = SmtpSink::start();
    let app = App::sending_to(&sink).await;
    for n in 0..10 {
        app.booking(&format!("Pro {n}"), &format!("Client {n}"), 2 + n)
            .await;
    }
    const { assert!(20 > worker::BATCH) };
    assert_eq!(app.deliver().await.sent, 20);
    assert_eq!(sink.wait_for(20, ARRIVAL).await.len(), 20);
    assert_eq!(app.waiting().await, 0);
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn a_relay_that_goes_away_and_comes_back_gets_every_message_once() {
    let mut sink = SmtpSink::start();
    let app = App::sending_to(&sink).await;
    sink.stop();
    app.booking("Maya Pro", "Ada Client", 4).await;
    let pass = app.deliver().await;
    assert_eq!((pass.sent, pass.retried), (0, 1), "{pass:?}");

    sink.restart();
    app.clock.advance(Duration::minutes(30));
    assert_eq!(app.deliver().await.sent, 2);
    let messages = sink.wait_for(2, ARRIVAL).await;
    assert_eq!(messages.len(), 2);
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn two_server_processes_send_each_message_once() {
    let sink = SmtpSink::start();
    let app = App::sending_to(&sink).await;
    for n in 0..6 {
        app.booking(&format!("Pro {n}"), &format!("Client {n}"), 2 + n)
            .await;
    }
    let second = app.second_process().await;
    let (a, b) = tokio::join!(
        worker::deliver_due(&app.state, "process-a"),
        worker::deliver_due(&second, "process-b"),
    );
    assert_eq!(a.expect("a").sent + b.expect("b").sent, 12);
    let messages = sink.wait_for(12, ARRIVAL).await;
    assert_eq!(messages.len(), 12);
    let mut ids: Vec<String> = messages
        .iter()
        .map(|message| message.header("message-id").unwrap_or_default().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12, "one Message-ID per message: {ids:?}");
}
