//! `tandem-load`: the load generator of `cargo xtask bench api`. It seeds
//! the database of a running server, then measures, over HTTP on loopback:
//!
//! 1. bookings: `POST /api/bookings` from `--concurrency` clients at once,
//!    every booking a distinct free slot, for `--seconds`;
//! 2. room-status polls: `GET /api/bookings/{id}/room` sent at a fixed
//!    `--poll-rate` per second (open loop: a slow answer does not slow
//!    the next request), for `--seconds`;
//! 3. slots of a day: `GET /api/professionals/{id}/slots` from
//!    `--concurrency` clients at once, for `--seconds`.
//!
//! It prints one JSON object with each phase's figures, and how many of
//! the mails the bookings queued were still waiting for delivery after the
//! booking phase and at the end.

mod measure;
mod seed;

use anyhow::{Context, Result};
use clap::Parser;
use measure::Figures;
use reqwest::{Client, StatusCode};
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tandem_api::paths;

#[derive(Debug, Parser)]
struct Args {
    /// The server, such as http://127.0.0.1:3000.
    #[arg(long)]
    url: String,
    /// The server's `DATABASE_URL` (a fresh database: the seed adds rows).
    #[arg(long)]
    database_url: String,
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    #[arg(long, default_value_t = 1000)]
    poll_rate: u32,
    /// How long each phase runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Free slots to seed (the booking phase stops early when they run out).
    #[arg(long, default_value_t = 60_000)]
    slots: usize,
}

#[derive(Debug, Serialize)]
struct Report {
    bookings: Figures,
    room_status: Figures,
    day_slots: Figures,
    mail: MailBacklog,
}

/// Mails waiting for delivery (each booking queues two).
#[derive(Debug, Serialize)]
struct MailBacklog {
    after_bookings: i64,
    at_end: i64,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let seeded = seed::seed(&args.database_url, args.concurrency, args.slots).await?;
    let phase = Duration::from_secs(args.seconds);
    let base = args.url.trim_end_matches('/').to_owned();

    let bookings = book(&base, &seeded, phase).await?;
    let after_bookings = mail_waiting(&seeded).await?;
    let room_status = poll(&base, &seeded, args.poll_rate, phase).await?;
    let day_slots = read_days(&base, &seeded, args.concurrency, phase).await?;
    let report = Report {
        bookings,
        room_status,
        day_slots,
        mail: MailBacklog {
            after_bookings,
            at_end: mail_waiting(&seeded).await?,
        },
    };
    seeded.db.close().await;
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

async fn mail_waiting(seeded: &seed::Seeded) -> Result<i64> {
    tandem_server::mail::queue::waiting(seeded.db.reader())
        .await
        .context("counting the mails waiting for delivery")
}

/// Each client books the next free slot until the time or the slots run out.
async fn book(base: &str, seeded: &seed::Seeded, phase: Duration) -> Result<Figures> {
    let next = Arc::new(AtomicUsize::new(0));
    let slots = Arc::new(seeded.free_slots.clone());
    let url = format!("{base}{}", paths::BOOKINGS);
    let started = Instant::now();
    let deadline = started + phase;
    let mut workers = tokio::task::JoinSet::new();
    for cookie in seeded.client_cookies.clone() {
        let (next, slots, url) = (next.clone(), slots.clone(), url.clone());
        workers.spawn(async move {
            let http = Client::new();
            let mut latencies = Vec::new();
            let mut created = 0;
            while Instant::now() < deadline {
                let Some(slot) = slots.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                let sent = Instant::now();
                let response = http
                    .post(&url)
                    .header(reqwest::header::COOKIE, &cookie)
                    .json(&serde_json::json!({ "slot_id": slot }))
                    .send()
                    .await?;
                let status = response.status();
                response.bytes().await?;
                latencies.push(sent.elapsed());
                created += usize::from(status == StatusCode::CREATED);
            }
            anyhow::Ok((latencies, created))
        });
    }
    collect(workers, started).await
}

/// Room-status polls at a fixed rate, each on its own task.
async fn poll(base: &str, seeded: &seed::Seeded, rate: u32, phase: Duration) -> Result<Figures> {
    let url = format!("{base}{}", paths::booking_room(seeded.polled_booking));
    let cookie = seeded.client_cookies.first().context("no client")?.clone();
    let http = Client::new();
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / rate.max(1));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let mut requests = tokio::task::JoinSet::new();
    while started.elapsed() < phase {
        ticks.tick().await;
        let (http, url, cookie) = (http.clone(), url.clone(), cookie.clone());
        requests.spawn(async move {
            let (latency, ok) = timed_get(&http, &url, &cookie).await?;
            anyhow::Ok((vec![latency], usize::from(ok)))
        });
    }
    collect(requests, started).await
}

/// Clients read the busiest day's slots as fast as they are answered.
async fn read_days(
    base: &str,
    seeded: &seed::Seeded,
    concurrency: usize,
    phase: Duration,
) -> Result<Figures> {
    let url = format!(
        "{base}{}?date={}&tz=UTC",
        paths::professional_slots(seeded.professional),
        seeded.busy_day
    );
    let started = Instant::now();
    let deadline = started + phase;
    let mut workers = tokio::task::JoinSet::new();
    for cookie in seeded.client_cookies.iter().take(concurrency) {
        let (url, cookie) = (url.clone(), cookie.clone());
        workers.spawn(async move {
            let http = Client::new();
            let (mut latencies, mut ok) = (Vec::new(), 0);
            while Instant::now() < deadline {
                let (latency, answered) = timed_get(&http, &url, &cookie).await?;
                ok += usize::from(answered);
                latencies.push(latency);
            }
            anyhow::Ok((latencies, ok))
        });
    }
    collect(workers, started).await
}

/// One GET as `cookie`, read to the end: how long it took, and whether it
/// answered 200.
async fn timed_get(http: &Client, url: &str, cookie: &str) -> Result<(Duration, bool)> {
    let sent = Instant::now();
    let response = http
        .get(url)
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await?;
    let ok = response.status() == StatusCode::OK;
    response.bytes().await?;
    Ok((sent.elapsed(), ok))
}

async fn collect(
    mut tasks: tokio::task::JoinSet<Result<(Vec<Duration>, usize)>>,
    started: Instant,
) -> Result<Figures> {
    let (mut latencies, mut expected) = (Vec::new(), 0);
    while let Some(done) = tasks.join_next().await {
        let (more, ok) = done.context("a load task panicked")??;
        latencies.extend(more);
        expected += ok;
    }
    Ok(Figures::of(latencies, expected, started.elapsed()))
}
