//! Two API server processes on one PostgreSQL database, seen through HTTP
//! only: what one process decides, the other honours.
//!
//! Needs a PostgreSQL server (`TANDEM_TEST_POSTGRES_URL`) and a real
//! LiveKit (`TANDEM_TEST_LIVEKIT_URL`, dev keys), which `cargo xtask test`
//! starts; hence `#[ignore]` under plain `cargo test`.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{Duration, Utc};
use livekit_api::access_token::AccessToken;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Instant;
use tandem_api::auth::User;
use tandem_api::bookings::{Booking, BookingPage};
use tandem_api::calls::RoomStatus;
use tandem_api::paths;
use tandem_api::slots::Slot;
use tandem_server::demo_data::DEMO_PASSWORD;

/// LiveKit's dev keys (`livekit-server --dev`), which the dev mode allows.
const LIVEKIT_KEY: &str = "devkey";
const LIVEKIT_SECRET: &str = "secret";

/// One `tandem-server` process, killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// Both processes, started at once on one fresh database (so both seed
/// the demo data at the same moment, too).
async fn two_servers(dir: &std::path::Path) -> (Server, Server) {
    let livekit = std::env::var("TANDEM_TEST_LIVEKIT_URL").expect("TANDEM_TEST_LIVEKIT_URL is set");
    let config = common::config(dir, &[]);
    assert_eq!(
        config.database.engine,
        tandem_server::config::DatabaseEngine::Postgres,
        "{} must name a PostgreSQL server",
        common::POSTGRES_URL_VAR
    );
    common::create_database(&config).await;
    let static_dir = dir.join("dist");
    std::fs::create_dir_all(&static_dir).expect("static dir");
    std::fs::write(
        static_dir.join("index.html"),
        "<!doctype html><title>Tandem</title>",
    )
    .expect("index.html");
    let ports = [free_port(), free_port()];
    // Behind a load balancer every process has the same public URL.
    let public_url = format!("http://127.0.0.1:{}", ports[0]);
    let start = |port: u16| {
        let child = Command::new(env!("CARGO_BIN_EXE_tandem-server"))
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TANDEM_MODE", "dev")
            .env("BIND_ADDR", format!("127.0.0.1:{port}"))
            .env("PUBLIC_URL", &public_url)
            .env("DATABASE_URL", &config.database.url)
            .env("STATIC_DIR", &static_dir)
            .env("OUTBOX_DIR", dir.join("outbox"))
            .env("LIVEKIT_URL", &livekit)
            .env("LIVEKIT_API_KEY", LIVEKIT_KEY)
            .env("LIVEKIT_API_SECRET", LIVEKIT_SECRET)
            .env("REGISTRATION_LIMIT_PER_HOUR", "1000")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .spawn()
            .expect("tandem-server starts");
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    };
    let servers = (start(ports[0]), start(ports[1]));
    let http = reqwest::Client::new();
    for server in [&servers.0, &servers.1] {
        let deadline = Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let up = http
                .get(format!("{}{}", server.base, paths::HEALTH))
                .send()
                .await
                .is_ok_and(|response| response.status() == StatusCode::OK);
            if up {
                break;
            }
            assert!(Instant::now() < deadline, "{} did not come up", server.base);
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    (servers.0, servers.1)
}

/// A person's `Cookie` header, made from the `Set-Cookie`s of a sign-in.
struct Person {
    cookie: String,
}

fn cookies_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

async fn sign_in(http: &reqwest::Client, server: &Server, email: &str) -> Person {
    let response = http
        .post(format!("{}{}", server.base, paths::AUTH_LOGIN))
        .json(&json!({"email": email, "password": DEMO_PASSWORD}))
        .send()
        .await
        .expect("sign-in answers");
    assert_eq!(response.status(), StatusCode::OK, "signing in {email}");
    let cookie = cookies_of(&response);
    let user: User = response.json().await.expect("a user");
    assert_eq!(user.email, email);
    Person { cookie }
}

async fn register(http: &reqwest::Client, server: &Server, n: usize) -> Person {
    let response = http
        .post(format!("{}{}", server.base, paths::AUTH_REGISTER))
        .json(&json!({
            "email": format!("client{n}@example.com"),
            "password": "a long and unusual passphrase for tests",
            "full_name": format!("Client {n}"),
            "role": "client",
        }))
        .send()
        .await
        .expect("registration answers");
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "registering client {n}"
    );
    let cookie = cookies_of(&response);
    let user: User = response.json().await.expect("a user");
    assert!(!user.verified);
    Person { cookie }
}

async fn status_and_body(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// The `Authorization` LiveKit sends with a webhook.
fn webhook_authorization(body: &str) -> String {
    let hash = STANDARD.encode(Sha256::digest(body.as_bytes()));
    AccessToken::with_api_key(LIVEKIT_KEY, LIVEKIT_SECRET)
        .with_sha256(&hash)
        .to_jwt()
        .expect("webhook token")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL and LiveKit: cargo xtask test runs it"]
async fn two_processes_on_one_postgresql_database_act_as_one_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = two_servers(dir.path()).await;
    let servers = [&a, &b];
    let http = reqwest::Client::new();

    // Fifty clients race for one slot, half through each process.
    let maya = sign_in(&http, &a, "maya.okafor@example.com").await;
    let start = (Utc::now() + Duration::days(30))
        .date_naive()
        .and_hms_opt(3, 0, 0);
    let start = start.expect("a time").and_utc();
    let slot: Slot = http
        .post(format!("{}{}", b.base, paths::SLOTS))
        .header(reqwest::header::COOKIE, &maya.cookie)
        .json(&json!({
            "start_time": start,
            "end_time": start + Duration::minutes(50),
            "price_cents": 9000,
        }))
        .send()
        .await
        .expect("slot answers")
        .json()
        .await
        .expect("a slot");
    let mut clients = Vec::new();
    for n in 0..50 {
        clients.push(register(&http, servers[n % 2], n).await);
    }
    // Every client's connection is open before the race, and all fifty
    // requests leave at once, so that the checks really overlap.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(clients.len()));
    let mut race = tokio::task::JoinSet::new();
    for (n, client) in clients.iter().enumerate() {
        let base = servers[n % 2].base.clone();
        let (http, cookie, barrier) = (
            reqwest::Client::new(),
            client.cookie.clone(),
            barrier.clone(),
        );
        let slot_id = slot.id;
        race.spawn(async move {
            let warm_up = http
                .get(format!("{base}{}", paths::AUTH_ME))
                .header(reqwest::header::COOKIE, &cookie)
                .send()
                .await
                .expect("me answers");
            assert_eq!(warm_up.status(), StatusCode::OK);
            barrier.wait().await;
            let booking = http
                .post(format!("{base}{}", paths::BOOKINGS))
                .header(reqwest::header::COOKIE, &cookie)
                .json(&json!({"slot_id": slot_id}))
                .send()
                .await
                .expect("booking answers");
            status_and_body(booking).await
        });
    }
    let (mut created, mut taken) = (0, 0);
    while let Some(answer) = race.join_next().await {
        let (status, body) = answer.expect("a booking task");
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT if body["error"]["code"] == "slot_taken" => taken += 1,
            other => panic!("unexpected answer {other}: {body}"),
        }
    }
    assert_eq!((created, taken), (1, 49));

    // A session made on one process is valid on the other…
    let ada = sign_in(&http, &a, "ada@example.com").await;
    let me = |server: &Server, who: &Person| {
        http.get(format!("{}{}", server.base, paths::AUTH_ME))
            .header(reqwest::header::COOKIE, &who.cookie)
            .send()
    };
    assert_eq!(me(&b, &ada).await.expect("me").status(), StatusCode::OK);
    // …and signing out on one ends it on both.
    let sam = sign_in(&http, &b, "sam@example.com").await;
    assert_eq!(me(&a, &sam).await.expect("me").status(), StatusCode::OK);
    let out = http
        .post(format!("{}{}", a.base, paths::AUTH_LOGOUT))
        .header(reqwest::header::COOKIE, &sam.cookie)
        .send()
        .await
        .expect("sign-out answers");
    assert!(out.status().is_success(), "sign-out: {}", out.status());
    for server in servers {
        assert_eq!(
            me(server, &sam).await.expect("me").status(),
            StatusCode::UNAUTHORIZED,
            "{} still knows the ended session",
            server.base
        );
    }

    // The sign-in throttle counts the failures made on both processes.
    let wrong = |server: &Server| {
        http.post(format!("{}{}", server.base, paths::AUTH_LOGIN))
            .json(&json!({"email": "leo.brandt@example.com", "password": "not the password"}))
            .send()
    };
    for n in 0..5 {
        let status = wrong(servers[n % 2])
            .await
            .expect("sign-in answers")
            .status();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "failure {n}");
    }
    for server in servers {
        let (status, body) = status_and_body(wrong(server).await.expect("sign-in answers")).await;
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}: {body}",
            server.base
        );
    }

    // The 30-per-hour call token limit holds across both.
    let page: BookingPage = http
        .get(format!("{}{}", a.base, paths::BOOKINGS))
        .header(reqwest::header::COOKIE, &ada.cookie)
        .send()
        .await
        .expect("bookings answer")
        .json()
        .await
        .expect("a page");
    let now = Utc::now();
    let in_progress: &Booking = page
        .items
        .iter()
        .find(|booking| booking.start_time <= now && now < booking.end_time)
        .expect("the demo session under way");
    let call = |server: &Server| {
        http.post(format!(
            "{}{}",
            server.base,
            paths::booking_call(in_progress.id)
        ))
        .header(reqwest::header::COOKIE, &ada.cookie)
        .send()
    };
    let mut room_name = String::new();
    for n in 0..tandem_api::validation::CALL_TOKENS_PER_HOUR {
        let (status, body) =
            status_and_body(call(servers[n as usize % 2]).await.expect("call answers")).await;
        assert_eq!(status, StatusCode::OK, "token {n}: {body}");
        room_name = body["room_name"].as_str().expect("a room name").to_owned();
    }
    for server in servers {
        let (status, body) = status_and_body(call(server).await.expect("call answers")).await;
        assert_eq!(
            status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}: {body}",
            server.base
        );
        assert_eq!(body["error"]["code"], "rate_limited");
    }

    // A LiveKit webhook received by one process changes the room status
    // the other answers.
    let room_status = |server: &Server| {
        http.get(format!(
            "{}{}",
            server.base,
            paths::booking_room(in_progress.id)
        ))
        .header(reqwest::header::COOKIE, &ada.cookie)
        .send()
    };
    let before: RoomStatus = room_status(&b)
        .await
        .expect("room")
        .json()
        .await
        .expect("status");
    assert!(before.participants.is_empty(), "{before:?}");
    let professional = in_progress.professional.id.to_string();
    let event = json!({
        "id": "EV_two_servers",
        "event": "participant_joined",
        "createdAt": Utc::now().timestamp().to_string(),
        "room": {"sid": "RM_two_servers", "name": room_name},
        "participant": {
            "sid": "PA_two_servers",
            "identity": professional,
            "name": in_progress.professional.full_name,
            "state": "ACTIVE",
            "joinedAt": Utc::now().timestamp().to_string(),
        },
    })
    .to_string();
    let delivered = http
        .post(format!("{}{}", a.base, paths::LIVEKIT_WEBHOOK))
        .header(
            reqwest::header::AUTHORIZATION,
            webhook_authorization(&event),
        )
        .header(reqwest::header::CONTENT_TYPE, "application/webhook+json")
        .body(event)
        .send()
        .await
        .expect("webhook answers");
    assert_eq!(delivered.status(), StatusCode::OK);
    let after: RoomStatus = room_status(&b)
        .await
        .expect("room")
        .json()
        .await
        .expect("status");
    assert!(after.active, "{after:?}");
    assert_eq!(
        after
            .participants
            .iter()
            .map(|p| p.identity.as_str())
            .collect::<Vec<_>>(),
        [professional.as_str()]
    );
}
