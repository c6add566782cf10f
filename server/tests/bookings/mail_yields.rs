//! The mail worker lets the write requests of its process go first
//! (`tandem_server::writes_in_flight`): while one is being answered it
//! waits, and it delivers as soon as that request is answered, or after
//! `worker::YIELD_AT_MOST` when the requests never stop.

use super::common;
use super::support::{utc, Person, TestApp};
use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use std::convert::Infallible;
use std::time::Duration;
use tandem_api::paths;
use tandem_server::mail::{queue, worker};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Longer than any pass over a short queue takes on a loaded machine.
const SETTLE: Duration = Duration::from_secs(10);

/// A write request whose body has not finished arriving: the server
/// counts it from its first byte until it is answered.
struct WriteInProgress {
    rest: oneshot::Sender<()>,
    answer: JoinHandle<Response<Body>>,
}

impl WriteInProgress {
    /// Starts `who`'s `POST` of a booking that stays in progress until
    /// [`Self::finish`] sends its (invalid) body.
    fn start(app: &TestApp, who: &Person) -> Self {
        let (rest, arrives) = oneshot::channel::<()>();
        let body = futures_util::stream::once(async move {
            let _ = arrives.await;
            Ok::<_, Infallible>("{}")
        });
        let request = Request::post(paths::BOOKINGS)
            .header("content-type", "application/json")
            .header("cookie", &who.cookie)
            .body(Body::from_stream(body))
            .expect("valid request");
        let state = app.state.clone();
        let answer = tokio::spawn(async move { common::send(&state, request).await });
        Self { rest, answer }
    }

    async fn finish(self) -> StatusCode {
        let _ = self.rest.send(());
        self.answer.await.expect("the request ran").status()
    }
}

async fn waiting(app: &TestApp) -> i64 {
    queue::waiting(app.state.db.reader())
        .await
        .expect("the queue is readable")
}

/// Two mails queued by a booking; the client who booked.
async fn booking_mails(app: &TestApp) -> Person {
    let pro = app.professional("Maya Pro").await;
    let client = app.client("Ada Client").await;
    let slot = app.slot(&pro, utc(2026, 11, 25, 10, 0), 50).await;
    app.book(&client, slot.id).await;
    assert_eq!(waiting(app).await, 2);
    client
}

/// A booking's two mails queued, then a write request of the client who
/// booked in progress, counted by the server.
async fn mails_then_a_write_in_progress(app: &TestApp) -> WriteInProgress {
    let client = booking_mails(app).await;
    let request = WriteInProgress::start(app, &client);
    tokio::time::timeout(SETTLE, async {
        while app.state.writes_in_flight.now() == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .expect("the request is counted once it has started");
    request
}

#[tokio::test]
async fn the_mail_worker_waits_for_the_write_request_being_answered() {
    let app = TestApp::new().await;
    let request = mails_then_a_write_in_progress(&app).await;

    let state = app.state.clone();
    let delivery = tokio::spawn(async move { worker::deliver_due(&state, "tests").await });
    tokio::time::sleep(worker::YIELD_AT_MOST / 2).await;
    assert!(!delivery.is_finished(), "the worker went first");
    assert_eq!(waiting(&app).await, 2, "nothing is sent meanwhile");

    // The body names no slot: refused, and then the worker goes.
    assert!(request.finish().await.is_client_error());
    let pass = tokio::time::timeout(SETTLE, delivery)
        .await
        .expect("the worker goes on once the request is answered")
        .expect("the worker ran")
        .expect("the queue is readable");
    assert_eq!(pass.sent, 2);
    assert_eq!(waiting(&app).await, 0);
    assert_eq!(app.state.writes_in_flight.now(), 0);
}

#[tokio::test]
async fn under_requests_that_never_stop_mail_still_goes_out() {
    let app = TestApp::new().await;
    let request = mails_then_a_write_in_progress(&app).await;

    let pass = tokio::time::timeout(SETTLE, worker::deliver_due(&app.state, "tests"))
        .await
        .expect("the worker waits no longer than it yields")
        .expect("the queue is readable");
    assert_eq!(pass.sent, 2);
    assert_eq!(waiting(&app).await, 0);
    assert!(request.finish().await.is_client_error());
}
