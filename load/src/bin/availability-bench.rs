//! `availability-bench`: how long the server takes to compute one
//! professional's bookable times for 60 days with 500 bookings in them,
//! measured in-process against a real database (the `DATABASE_URL` given,
//! migrated first). Prints percentiles as one JSON line for
//! `cargo xtask bench availability`.
//!
//! The professional works Monday to Friday 08:00–20:00 in Europe/Berlin
//! with 30-minute sessions, has five days off in the window, and every
//! other free time of the 60 days is booked (500 bookings).

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Days, Duration, Utc};
use clap::Parser;
use serde_json::json;
use std::time::Instant;
use tandem_api::auth::Role;
use tandem_api::availability::{Availability, DayHours, TimeRange, TimeSource, Weekday};
use tandem_api::UserId;
use tandem_server::availability::{bookable, calendar, engine, repo};
use tandem_server::config::parse_database;
use tandem_server::db::Db;

#[derive(Debug, Parser)]
struct Args {
    /// `sqlite://…` or `postgres://…`; an empty database.
    #[arg(long)]
    database_url: String,
    /// Timed computations after the warm-up.
    #[arg(long, default_value_t = 1_000)]
    runs: usize,
}

const BOOKINGS: usize = 500;
const WINDOW_DAYS: i64 = 60;

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let config = parse_database(Some(args.database_url.clone()), None)
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let db = Db::open(&config).await.context("open the database")?;
    db.migrate().await.context("migrate")?;
    let now: DateTime<Utc> = Utc::now();
    let (professional, rules) = seed(&db, now).await?;

    let to = now + Duration::days(WINDOW_DAYS);
    let mut conn = db.reader().acquire().await?;
    let (_, free) = calendar::free_times(&mut conn, professional, now, to, now)
        .await?
        .context("the professional has rules")?;
    let held = tandem_server::slots::repo::held_between(&mut *conn, professional, now, to).await?;
    for _ in 0..20 {
        calendar::free_times(&mut conn, professional, now, to, now).await?;
    }
    let mut window = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        let started = Instant::now();
        let found = calendar::free_times(&mut conn, professional, now, to, now).await?;
        window.push(started.elapsed().as_secs_f64() * 1_000.0);
        std::hint::black_box(found);
    }
    let mut engine_only = Vec::with_capacity(args.runs);
    let (engine_rules, calendar_data) = calendar::load(&mut conn, professional, now, to)
        .await?
        .context("rules")?;
    for _ in 0..args.runs {
        let started = Instant::now();
        let times = engine::free_times(&engine_rules, &calendar_data, now, to, now);
        engine_only.push(started.elapsed().as_secs_f64() * 1_000.0);
        std::hint::black_box(times);
    }
    let mut next = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        let started = Instant::now();
        let found = bookable::next_free(&mut conn, professional, now).await?;
        next.push(started.elapsed().as_secs_f64() * 1_000.0);
        std::hint::black_box(found);
    }
    println!(
        "{}",
        json!({
            "engine": format!("{:?}", db.engine()),
            "bookings": held.len(),
            "free_times": free.len(),
            "session_minutes": rules.session_minutes,
            "sixty_days_ms": percentiles(&mut window),
            "engine_only_ms": percentiles(&mut engine_only),
            "next_free_ms": percentiles(&mut next),
        })
    );
    // `close` waits for every connection to come back to its pool.
    drop(conn);
    db.close().await;
    Ok(())
}

/// A professional with weekly hours, five days off and [`BOOKINGS`]
/// bookings of every other free time.
async fn seed(db: &Db, now: DateTime<Utc>) -> Result<(UserId, Availability)> {
    let professional = tandem_server::auth::users::insert_if_new(
        db.writer(),
        "bench.professional@example.com",
        "not a hash",
        "Bench Professional",
        Role::Professional,
        now,
    )
    .await?
    .context("an empty database")?;
    let client = tandem_server::auth::users::insert_if_new(
        db.writer(),
        "bench.client@example.com",
        "not a hash",
        "Bench Client",
        Role::Client,
        now,
    )
    .await?
    .context("an empty database")?;
    let day = TimeRange {
        start: "08:00".parse()?,
        end: "20:00".parse()?,
    };
    let rules = Availability {
        time_zone: "Europe/Berlin".into(),
        session_minutes: 30,
        buffer_minutes: 0,
        notice_hours: 0,
        horizon_days: 365,
        cancellation_cutoff_hours: 0,
        price_cents: 8_000,
        weekly_hours: Weekday::ALL[..5]
            .iter()
            .map(|weekday| DayHours {
                weekday: *weekday,
                ranges: vec![day],
            })
            .collect(),
    };
    let mut tx = db.begin_write_all(&[]).await?;
    repo::save(&mut tx, professional, &rules, now).await?;
    for offset in [3, 10, 17, 24, 31] {
        let date = now.date_naive() + Days::new(offset);
        repo::replace_override(&mut tx, professional, date, &[], now).await?;
    }
    tx.commit().await?;

    let to = now + Duration::days(WINDOW_DAYS);
    let mut conn = db.reader().acquire().await?;
    let (_, free) = calendar::free_times(&mut conn, professional, now, to, now)
        .await?
        .context("rules")?;
    drop(conn);
    if free.len() < BOOKINGS * 2 {
        bail!("only {} free times to book from", free.len());
    }
    let mut tx = db.begin_write_all(&[]).await?;
    for time in free.iter().step_by(2).take(BOOKINGS) {
        let slot = tandem_server::slots::repo::insert(
            &mut *tx,
            professional,
            time.start,
            time.end,
            rules.price_cents,
            TimeSource::WeeklyHours,
            now,
        )
        .await?;
        tandem_server::bookings::repo::insert(&mut *tx, slot.id, client, None, now).await?;
    }
    tx.commit().await?;
    Ok((professional, rules))
}

/// p50, p95, p99 and the maximum, in milliseconds.
fn percentiles(samples: &mut [f64]) -> serde_json::Value {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let index = ((samples.len() as f64 - 1.0) * q).round() as usize;
        (samples[index] * 1_000.0).round() / 1_000.0
    };
    json!({"p50": at(0.5), "p95": at(0.95), "p99": at(0.99), "max": at(1.0)})
}
