//! Limits that keep one client from tying the server up, on a real socket
//! where it matters: bodies over 64 KB, requests past the request timeout,
//! headers sent too slowly, too many requests at once, and a shutdown that
//! a slow client cannot hold up.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};
use tandem_api::paths;
use tandem_server::serve::{serve, ServeTimeouts};
use tandem_server::{app, AppState};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Longer than any limit under test: what a test waits at most.
const PATIENCE: Duration = Duration::from_secs(5);
/// How often a slow client sends its next byte.
const TRICKLE: Duration = Duration::from_millis(200);
/// Longer than every test: a limit that is not the one under test.
const LONG: Duration = Duration::from_secs(60);

async fn state_with(dir: &Path, vars: &[(&str, &str)]) -> AppState {
    common::state(common::config(dir, vars)).await
}

async fn users(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(state.db.writer())
        .await
        .expect("count users")
}

/// A registration that is valid JSON, made larger than the limit with
/// whitespace: read whole, it would create an account.
fn padded_registration(pad: usize) -> String {
    format!(
        r#"{{"email":"ada@example.com","password":"a long enough password","full_name":"Ada","role":"client"{}}}"#,
        " ".repeat(pad)
    )
}

fn post_json(path: &str, body: String) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("valid request")
}

#[tokio::test]
async fn a_body_over_64_kb_is_refused_with_413_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = state_with(dir.path(), &[]).await;

    let response = common::send(
        &state,
        post_json(paths::AUTH_REGISTER, padded_registration(70 * 1024)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["code"], "payload_too_large", "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
    assert_eq!(users(&state).await, 0);

    // LiveKit's webhook reads raw bytes: the same limit, the same answer.
    let webhook = common::send(
        &state,
        Request::post(paths::LIVEKIT_WEBHOOK)
            .body(Body::from(vec![b'x'; 70 * 1024]))
            .expect("valid request"),
    )
    .await;
    assert_eq!(webhook.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        common::body_json(webhook).await["error"]["code"],
        "payload_too_large"
    );

    // Under the limit, the same registration goes through.
    let response = common::send(
        &state,
        post_json(paths::AUTH_REGISTER, padded_registration(60 * 1024)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(users(&state).await, 1);
}

/// The app served on a loopback port as `main` serves it: its address,
/// the sender that starts the shutdown, and the task that ends with it.
struct Served {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    _dir: tempfile::TempDir,
}

async fn served(vars: &[(&str, &str)], timeouts: ServeTimeouts) -> Served {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = state_with(dir.path(), vars).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("free port");
    let addr = listener.local_addr().expect("local address");
    let (shutdown, signal) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, app(state), timeouts, async {
        let _ = signal.await;
    }));
    Served {
        addr,
        shutdown: Some(shutdown),
        task,
        _dir: dir,
    }
}

fn timeouts(header_read: Duration, shutdown_grace: Duration) -> ServeTimeouts {
    ServeTimeouts {
        header_read,
        shutdown_grace,
    }
}

/// Sends `bytes` one at a time, [`TRICKLE`] apart, until the server stops
/// taking them (or they run out).
fn trickle(mut writer: tokio::net::tcp::OwnedWriteHalf, bytes: Vec<u8>) -> JoinHandle<()> {
    tokio::spawn(async move {
        for byte in bytes {
            if writer.write_all(&[byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(TRICKLE).await;
        }
        // Then hold the connection open without sending anything.
        tokio::time::sleep(LONG).await;
    })
}

/// Everything the server sends until it closes the connection; `None` if
/// it is still open after [`PATIENCE`].
async fn read_until_closed(reader: &mut tokio::net::tcp::OwnedReadHalf) -> Option<String> {
    let mut received = Vec::new();
    let read = tokio::time::timeout(PATIENCE, async {
        let mut buffer = [0u8; 4096];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    read.ok()
        .map(|()| String::from_utf8_lossy(&received).into_owned())
}

fn json_of(response: &str) -> Value {
    let body = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str(body).unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_body_trickled_in_is_cut_off_at_the_request_timeout() {
    let server = served(&[("REQUEST_TIMEOUT_SECS", "1")], timeouts(LONG, LONG)).await;
    let stream = TcpStream::connect(server.addr).await.expect("connects");
    let (mut reader, mut writer) = stream.into_split();
    writer
        .write_all(
            b"POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n\
              Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
        )
        .await
        .expect("headers sent");
    let started = Instant::now();
    let _slow = trickle(writer, vec![b' '; 1000]);

    let response = read_until_closed(&mut reader)
        .await
        .expect("the server closes the connection within the timeout");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    assert_eq!(json_of(&response)["error"]["code"], "service_unavailable");
}

#[tokio::test]
async fn headers_sent_too_slowly_are_cut_off_at_the_header_read_timeout() {
    let server = served(&[], timeouts(Duration::from_secs(1), LONG)).await;
    let stream = TcpStream::connect(server.addr).await.expect("connects");
    let (mut reader, writer) = stream.into_split();
    let started = Instant::now();
    let _slow = trickle(
        writer,
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".to_vec(),
    );

    read_until_closed(&mut reader)
        .await
        .expect("the server closes the connection within the header timeout");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn requests_over_the_concurrency_limit_are_refused_with_503_and_retry_after() {
    let server = served(&[("MAX_CONCURRENT_REQUESTS", "1")], timeouts(LONG, LONG)).await;

    // One request in progress: its body never comes.
    let busy = TcpStream::connect(server.addr).await.expect("connects");
    let (busy_reader, mut busy_writer) = busy.into_split();
    busy_writer
        .write_all(
            b"POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n",
        )
        .await
        .expect("headers sent");
    tokio::time::sleep(Duration::from_millis(300)).await;

    let stream = TcpStream::connect(server.addr).await.expect("connects");
    let (mut reader, mut writer) = stream.into_split();
    writer
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .expect("request sent");
    let response = read_until_closed(&mut reader).await.expect("an answer");
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("\r\nretry-after: 1\r\n"),
        "{response}"
    );
    assert_eq!(json_of(&response)["error"]["code"], "service_unavailable");

    // Once the first request is gone, the next one is served.
    drop(busy_writer);
    drop(busy_reader);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stream = TcpStream::connect(server.addr).await.expect("connects");
    let (mut reader, mut writer) = stream.into_split();
    writer
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .expect("request sent");
    let response = read_until_closed(&mut reader).await.expect("an answer");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

#[tokio::test]
async fn shutdown_ends_within_the_grace_period_with_a_slow_client_connected() {
    let mut server = served(&[], timeouts(LONG, Duration::from_secs(1))).await;
    let stream = TcpStream::connect(server.addr).await.expect("connects");
    let (mut reader, writer) = stream.into_split();
    let _slow = trickle(
        writer,
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".repeat(20),
    );
    tokio::time::sleep(Duration::from_millis(500)).await;

    let started = Instant::now();
    server
        .shutdown
        .take()
        .expect("not shut down yet")
        .send(())
        .expect("the server listens for shutdown");
    tokio::time::timeout(PATIENCE, &mut server.task)
        .await
        .expect("shutdown ends within the grace period")
        .expect("the server task ends cleanly");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // And the slow client was disconnected.
    read_until_closed(&mut reader)
        .await
        .expect("the slow client's connection is closed");
    assert!(
        TcpStream::connect(server.addr).await.is_err(),
        "still listening"
    );
}
