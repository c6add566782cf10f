//! Prometheus metrics on `METRICS_ADDR`, scraped from a real server
//! process: requests per route template and status, the database pool,
//! LiveKit calls and webhooks.

mod running;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use livekit_api::access_token::AccessToken;
use running::{free_addr, get, request, Server};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

/// A LiveKit webhook, signed as LiveKit signs it with the dev key.
fn send_webhook(addr: SocketAddr, id: &str, event: &str) -> u16 {
    let body = serde_json::json!({
        "id": id,
        "event": event,
        "createdAt": "1767225600",
        "room": {"sid": "RM_test", "name": "not-a-booking-room"},
    })
    .to_string();
    let hash = STANDARD.encode(Sha256::digest(body.as_bytes()));
    let token = AccessToken::with_api_key("devkey", "secret")
        .with_sha256(&hash)
        .to_jwt()
        .expect("webhook token");
    let headers = [
        ("Content-Type", "application/webhook+json"),
        ("Authorization", token.as_str()),
    ];
    request(
        addr,
        "POST",
        tandem_api::paths::LIVEKIT_WEBHOOK,
        &headers,
        &body,
    )
    .expect("webhook sent")
    .0
}

/// The value of the sample line that starts with `series` (name and
/// labels exactly as rendered).
fn sample(scrape: &str, series: &str) -> Option<f64> {
    scrape
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

#[test]
fn a_scrape_counts_requests_by_route_template_livekit_calls_and_webhooks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let metrics_addr = free_addr();
    // LiveKit on a port nobody listens on: every call to it fails.
    let livekit_url = format!("ws://{}", free_addr());
    let server = Server::start(
        dir.path(),
        &[
            ("TANDEM_MODE", "dev"),
            ("METRICS_ADDR", &metrics_addr.to_string()),
            ("LIVEKIT_URL", &livekit_url),
            ("LIVEKIT_API_KEY", "devkey"),
            ("LIVEKIT_API_SECRET", "secret"),
        ],
    );

    for _ in 0..3 {
        let (status, _) = get(server.addr, tandem_api::paths::HEALTH).expect("health");
        assert_eq!(status, 503, "LiveKit is down");
    }
    for id in [5, 6] {
        let path = format!("/api/bookings/{id}/room");
        assert_eq!(get(server.addr, &path).expect("room").0, 401);
    }
    assert_eq!(send_webhook(server.addr, "EV_1", "room_started"), 200);
    assert_eq!(send_webhook(server.addr, "EV_2", "room_started"), 200);
    assert_eq!(send_webhook(server.addr, "EV_3", "participant_joined"), 200);
    assert_eq!(send_webhook(server.addr, "EV_4", "something_new"), 200);

    let (status, scrape) = get(metrics_addr, "/metrics").expect("scrape");
    assert_eq!(status, 200, "{scrape}");
    let count = |series: &str| {
        sample(&scrape, series).unwrap_or_else(|| panic!("no {series} in\n{scrape}"))
    };

    assert_eq!(
        count(
            r#"tandem_http_requests_total{method="GET",route="/api/bookings/{id}/room",status="401"}"#
        ),
        2.0
    );
    assert!(
        !scrape.contains("/api/bookings/5"),
        "raw paths never become labels:\n{scrape}"
    );
    assert_eq!(
        count(r#"tandem_http_requests_total{method="GET",route="/api/health",status="503"}"#),
        3.0
    );
    assert_eq!(
        count(
            r#"tandem_http_request_duration_seconds_count{method="GET",route="/api/health",status="503"}"#
        ),
        3.0
    );
    assert_eq!(
        count(
            r#"tandem_http_requests_total{method="POST",route="/api/livekit/webhook",status="200"}"#
        ),
        4.0
    );

    assert_eq!(
        count(r#"tandem_livekit_api_calls_total{call="list_rooms"}"#),
        3.0
    );
    assert_eq!(
        count(r#"tandem_livekit_api_failures_total{call="list_rooms"}"#),
        3.0
    );
    assert_eq!(
        count(r#"tandem_livekit_webhooks_total{event="room_started"}"#),
        2.0
    );
    assert_eq!(
        count(r#"tandem_livekit_webhooks_total{event="participant_joined"}"#),
        1.0
    );
    assert_eq!(
        count(r#"tandem_livekit_webhooks_total{event="other"}"#),
        1.0
    );

    // SQLite: eight read-only connections and the one writer.
    assert_eq!(
        count(r#"tandem_db_pool_max_connections{pool="reader"}"#),
        8.0
    );
    assert_eq!(
        count(r#"tandem_db_pool_max_connections{pool="writer"}"#),
        1.0
    );
    for pool in ["reader", "writer"] {
        let idle = count(&format!(
            r#"tandem_db_pool_connections{{pool="{pool}",state="idle"}}"#
        ));
        let in_use = count(&format!(
            r#"tandem_db_pool_connections{{pool="{pool}",state="in_use"}}"#
        ));
        assert!(
            idle + in_use >= 1.0,
            "the {pool} pool holds a connection:\n{scrape}"
        );
        let wait = count(&format!(
            r#"tandem_db_pool_acquire_wait_seconds{{pool="{pool}"}}"#
        ));
        assert!((0.0..2.0).contains(&wait), "{wait}");
    }
}

#[test]
fn the_api_address_serves_no_metrics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    assert_eq!(
        get(server.addr, tandem_api::paths::HEALTH)
            .expect("health")
            .0,
        200
    );
    // The API's own address serves no metrics either.
    assert_eq!(get(server.addr, "/metrics").expect("metrics").0, 404);
}
