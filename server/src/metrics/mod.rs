//! Prometheus metrics of this process, served on `METRICS_ADDR` (off by
//! default): HTTP requests per route template and status, the database
//! pool, LiveKit API calls and LiveKit's webhooks.
//!
//! Every process records and exports its own numbers; a scraper that
//! reaches several processes sums them. Without `METRICS_ADDR` no recorder
//! is installed and every recording below does nothing.

pub mod http;
mod pool;

pub use pool::pool_gauges;

use crate::db::Db;
use ::metrics::{counter, describe_counter, describe_gauge, describe_histogram, Unit};
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{BuildError, Matcher, PrometheusBuilder, PrometheusHandle};
use std::time::Duration;
use tokio::net::TcpListener;

/// Where a scraper reads the metrics.
pub const PATH: &str = "/metrics";

pub const HTTP_REQUESTS: &str = "tandem_http_requests_total";
pub const HTTP_REQUEST_DURATION: &str = "tandem_http_request_duration_seconds";
pub const DB_POOL_CONNECTIONS: &str = "tandem_db_pool_connections";
pub const DB_POOL_MAX_CONNECTIONS: &str = "tandem_db_pool_max_connections";
pub const DB_POOL_ACQUIRE_WAIT: &str = "tandem_db_pool_acquire_wait_seconds";
pub const DB_POOL_ACQUIRE_FAILURES: &str = "tandem_db_pool_acquire_failures_total";
pub const LIVEKIT_CALLS: &str = "tandem_livekit_api_calls_total";
pub const LIVEKIT_FAILURES: &str = "tandem_livekit_api_failures_total";
pub const LIVEKIT_WEBHOOKS: &str = "tandem_livekit_webhooks_total";

/// Request durations, from a millisecond to the longest request timeout.
const DURATION_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// How often histogram samples are folded into their buckets between scrapes
/// (the exporter keeps them in a buffer until then).
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The kinds of event LiveKit's webhooks carry; anything else counts as
/// `other`, so that a label never takes an unbounded set of values.
const WEBHOOK_EVENTS: [&str; 13] = [
    "room_started",
    "room_finished",
    "participant_joined",
    "participant_left",
    "participant_connection_aborted",
    "track_published",
    "track_unpublished",
    "egress_started",
    "egress_updated",
    "egress_ended",
    "ingress_started",
    "ingress_ended",
    "ingress_updated",
];

/// Installs this process's recorder (once; a second call fails) and
/// describes every metric.
pub fn install() -> Result<PrometheusHandle, BuildError> {
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full(HTTP_REQUEST_DURATION.to_owned()),
            &DURATION_BUCKETS,
        )?
        .install_recorder()?;
    describe_counter!(
        HTTP_REQUESTS,
        "HTTP requests answered, by method, route template and status."
    );
    describe_histogram!(
        HTTP_REQUEST_DURATION,
        Unit::Seconds,
        "Time to answer an HTTP request, by method, route template and status."
    );
    describe_gauge!(
        DB_POOL_CONNECTIONS,
        "Database connections open in this process's pool, by state (idle, in_use), at the last scrape."
    );
    describe_gauge!(
        DB_POOL_MAX_CONNECTIONS,
        "The most connections the pool opens."
    );
    describe_gauge!(
        DB_POOL_ACQUIRE_WAIT,
        Unit::Seconds,
        "How long taking a connection from the pool took at the last scrape (a probe)."
    );
    describe_counter!(
        DB_POOL_ACQUIRE_FAILURES,
        "Scrapes at which no connection could be taken from the pool in time."
    );
    describe_counter!(
        LIVEKIT_CALLS,
        "Requests to LiveKit's RoomService API, by call."
    );
    describe_counter!(
        LIVEKIT_FAILURES,
        "Requests to LiveKit's RoomService API that failed or timed out, by call."
    );
    describe_counter!(
        LIVEKIT_WEBHOOKS,
        "LiveKit webhooks received with a valid signature, by event kind."
    );
    Ok(handle)
}

/// Serves [`PATH`] on `listener` until the process ends, refreshing the
/// pool's gauges at each scrape.
pub async fn serve(listener: TcpListener, handle: PrometheusHandle, db: Db) {
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(UPKEEP_EVERY);
        loop {
            every.tick().await;
            upkeep.run_upkeep();
        }
    });
    let router = Router::new()
        .route(PATH, get(scrape))
        .with_state((handle, db));
    if let Err(error) = axum::serve(listener, router).await {
        tracing::error!(%error, "the metrics listener stopped");
    }
}

async fn scrape(State((handle, db)): State<(PrometheusHandle, Db)>) -> impl IntoResponse {
    pool_gauges(&db).await;
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
}

/// One request to LiveKit's API: `call` names it (`create_room`), `ok`
/// whether LiveKit answered as expected.
pub fn livekit_call(call: &'static str, ok: bool) {
    counter!(LIVEKIT_CALLS, "call" => call).increment(1);
    if !ok {
        counter!(LIVEKIT_FAILURES, "call" => call).increment(1);
    }
}

/// A webhook whose signature was valid, by its event kind.
pub fn webhook_received(event: &str) {
    let kind = WEBHOOK_EVENTS
        .into_iter()
        .find(|known| *known == event)
        .unwrap_or("other");
    counter!(LIVEKIT_WEBHOOKS, "event" => kind).increment(1);
}
