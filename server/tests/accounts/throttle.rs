//! Sign-in throttling that holds when guesses arrive at once, from two
//! server processes, from many accounts at one address, and behind
//! proxies; and trusted devices that keep the owner in.

use super::common;
use super::support::{cookie_pair, login_request, set_cookie_named, TestApp, PASSWORD};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use tandem_server::AppState;
use tokio::task::JoinSet;

const OWNER_IP: &str = "192.0.2.10";
const STRANGER_IP: &str = "198.51.100.66";

/// Sends every request at once, each on its own task, alternating between
/// the given server processes; the statuses, in no particular order.
async fn all_at_once(processes: &[AppState], requests: Vec<Request<Body>>) -> Vec<StatusCode> {
    let mut tasks = JoinSet::new();
    for (i, request) in requests.into_iter().enumerate() {
        let state = processes[i % processes.len()].clone();
        tasks.spawn(async move { common::send(&state, request).await.status() });
    }
    tasks.join_all().await
}

fn tally(statuses: &[StatusCode], status: StatusCode) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_wrong_passwords_at_once_from_two_processes_are_checked_five_times() {
    // Enough hashing slots that no attempt is turned away as busy.
    let app = TestApp::with_vars(&[("PASSWORD_HASH_CONCURRENCY", "40")]).await;
    app.signed_up("ada@example.com").await;
    let other_process = app.second_process().await;

    let requests = (0..40)
        .map(|i| login_request(STRANGER_IP, "ada@example.com", &format!("guess {i}"), &[]))
        .collect();
    let statuses = all_at_once(&[app.state.clone(), other_process], requests).await;

    // 401: the password was checked; 429: refused before any check.
    assert_eq!(
        (
            tally(&statuses, StatusCode::UNAUTHORIZED),
            tally(&statuses, StatusCode::TOO_MANY_REQUESTS)
        ),
        (5, 35),
        "{statuses:?}"
    );
    let failed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM login_attempts WHERE state = 'failed'")
            .fetch_one(app.state.db.writer())
            .await
            .expect("count");
    assert_eq!(failed, 5);
    assert_eq!(
        app.count("login_attempts").await,
        5,
        "no reservation left pending"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_address_gets_fifty_failures_over_all_accounts() {
    let app = TestApp::with_vars(&[("PASSWORD_HASH_CONCURRENCY", "60")]).await;

    // Password spraying: one common password against sixty accounts.
    let requests = (0..60)
        .map(|i| {
            login_request(
                STRANGER_IP,
                &format!("user{i}@example.com"),
                "Winter2026!",
                &[],
            )
        })
        .collect();
    let statuses = all_at_once(std::slice::from_ref(&app.state), requests).await;
    assert_eq!(
        (
            tally(&statuses, StatusCode::UNAUTHORIZED),
            tally(&statuses, StatusCode::TOO_MANY_REQUESTS)
        ),
        (50, 10),
        "{statuses:?}"
    );

    // Any further account from that address: refused, and says for how long.
    let response = app
        .login_from(STRANGER_IP, "someone.else@example.com", "Winter2026!")
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = common::header(&response, "retry-after")
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=15 * 60).contains(&wait), "{wait}");
    // Another address is not affected.
    let response = app
        .login_from(OWNER_IP, "someone.else@example.com", "Winter2026!")
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_trusted_device_keeps_the_owner_in_while_strangers_are_blocked() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    app.signed_up("bob@example.com").await;

    // Ada signs in once from her browser: it becomes a trusted device.
    let first = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(first.status(), StatusCode::OK);
    let raw = set_cookie_named(&first, "tandem_device").expect("a device cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=2592000"] {
        assert!(raw.contains(attribute), "{raw}");
    }
    let device = cookie_pair(&first, "tandem_device").expect("a device cookie");

    // Someone behind the same address (the same office network) guesses
    // until the address is blocked for Ada's account.
    for _ in 0..5 {
        let response = app.login_from(OWNER_IP, "ada@example.com", "guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let blocked = app.login_from(OWNER_IP, "ada@example.com", PASSWORD).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);

    // Ada's own browser still gets in, from that very address; it gets a
    // new device token, and the old one is spent.
    let cookie = [("cookie", device.as_str())];
    let ada = app
        .send(login_request(
            OWNER_IP,
            "ada@example.com",
            PASSWORD,
            &cookie,
        ))
        .await;
    assert_eq!(ada.status(), StatusCode::OK);
    let device = cookie_pair(&ada, "tandem_device").expect("a new device cookie");
    assert_ne!(device, cookie[0].1);
    let spent = app
        .send(login_request(
            OWNER_IP,
            "ada@example.com",
            PASSWORD,
            &cookie,
        ))
        .await;
    assert_eq!(spent.status(), StatusCode::TOO_MANY_REQUESTS);

    // Strangers at three more addresses: twenty failures for the account,
    // which blocks every browser it does not trust, at any address...
    for ip in ["198.51.100.67", "198.51.100.68", "198.51.100.69"] {
        for _ in 0..5 {
            let response = app.login_from(ip, "ada@example.com", "guess").await;
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{ip}");
        }
    }
    let new_browser = app
        .login_from("203.0.113.5", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(new_browser.status(), StatusCode::TOO_MANY_REQUESTS);
    // ...but not Ada's.
    let cookie = [("cookie", device.as_str())];
    let ada = app
        .send(login_request(
            "203.0.113.5",
            "ada@example.com",
            PASSWORD,
            &cookie,
        ))
        .await;
    assert_eq!(ada.status(), StatusCode::OK);
    let device = cookie_pair(&ada, "tandem_device").expect("a new device cookie");

    // Bob's trusted device is no key to Ada's account.
    let bob = app
        .login_from("203.0.113.6", "bob@example.com", PASSWORD)
        .await;
    let bob_device = cookie_pair(&bob, "tandem_device").expect("a device cookie");
    let cookie = [("cookie", bob_device.as_str())];
    let response = app
        .send(login_request(
            "203.0.113.6",
            "ada@example.com",
            PASSWORD,
            &cookie,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);

    // The device has its own allowance of five failures.
    let cookie = [("cookie", device.as_str())];
    for _ in 0..5 {
        let response = app
            .send(login_request(OWNER_IP, "ada@example.com", "typo", &cookie))
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let response = app
        .send(login_request(
            OWNER_IP,
            "ada@example.com",
            PASSWORD,
            &cookie,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_counts_on_its_own() {
    let app = TestApp::with_vars(&[("TRUSTED_PROXIES", "127.0.0.1, ::1")]).await;
    app.signed_up("ada@example.com").await;
    let from = |client: &str| [("x-forwarded-for", client.to_owned())];
    let login = |client: &str, password: &str| {
        let headers = from(client);
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        login_request("127.0.0.1", "ada@example.com", password, &headers)
    };

    for _ in 0..5 {
        let response = app.send(login("203.0.113.9", "guess")).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let blocked = app.send(login("203.0.113.9", PASSWORD)).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    // Entries the client wrote itself, left of what the proxy saw, change nothing.
    let forged = app.send(login("192.0.2.200, 203.0.113.9", PASSWORD)).await;
    assert_eq!(forged.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not blocked.
    let other = app.send(login("203.0.113.10", PASSWORD)).await;
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test]
async fn without_trusted_proxies_x_forwarded_for_is_ignored() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    for i in 0..5 {
        let forwarded = format!("203.0.113.{i}");
        let headers = [("x-forwarded-for", forwarded.as_str())];
        let response = app
            .send(login_request(
                STRANGER_IP,
                "ada@example.com",
                "guess",
                &headers,
            ))
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let headers = [("x-forwarded-for", "203.0.113.99")];
    let response = app
        .send(login_request(
            STRANGER_IP,
            "ada@example.com",
            PASSWORD,
            &headers,
        ))
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn ipv6_clients_are_throttled_per_64() {
    let app = TestApp::new().await;
    app.signed_up("ada@example.com").await;
    // Five addresses of one /64 network (one home, one phone).
    for host in 1..=5 {
        let ip = format!("2001:db8:1:2::{host}");
        let response = app.login_from(&ip, "ada@example.com", "guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{ip}");
    }
    let same_network = app
        .login_from("2001:db8:1:2:ffff::1", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(same_network.status(), StatusCode::TOO_MANY_REQUESTS);
    let next_network = app
        .login_from("2001:db8:1:3::1", "ada@example.com", PASSWORD)
        .await;
    assert_eq!(next_network.status(), StatusCode::OK);
}

/// The throttle's lock is keyed by the email as typed, which may hold
/// characters SQL quotes with: such a sign-in is answered like any other
/// (PostgreSQL's lock keys are only written into SQL when they hold none).
#[tokio::test]
async fn an_email_with_a_quote_is_throttled_like_any_other() {
    let app = TestApp::new().await;
    for email in ["o'brien@example.com", "back\\slash@example.com"] {
        let response = app.login_from(OWNER_IP, email, "Winter2026!").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{email}");
    }
}
