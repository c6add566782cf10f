//! The rows the benchmark needs, written straight into the server's
//! database through the server's own repository functions (seeding is not
//! what is measured): one professional with many free slots, verified
//! clients with sessions, and one booking whose room status is polled.

use anyhow::{Context, Result};
use chrono::{DateTime, Duration, Utc};
use tandem_api::auth::Role;
use tandem_api::availability::TimeSource;
use tandem_api::{BookingId, SlotId, UserId};
use tandem_server::auth::{session, users};
use tandem_server::bookings;
use tandem_server::config::parse_database;
use tandem_server::db::{Db, WriteScope};
use tandem_server::slots;

/// What the measuring phases use.
pub struct Seeded {
    pub professional: UserId,
    /// One `Cookie` header per client.
    pub client_cookies: Vec<String>,
    /// Free slots, each booked at most once by the booking phase.
    pub free_slots: Vec<SlotId>,
    /// A booking of the first client, and the day of most slots.
    pub polled_booking: BookingId,
    pub busy_day: chrono::NaiveDate,
    /// The server's database, still open for the figures read at the end.
    pub db: Db,
}

/// Slots are this long, back to back from tomorrow on.
const SLOT_MINUTES: i64 = 15;

pub async fn seed(database_url: &str, clients: usize, slot_count: usize) -> Result<Seeded> {
    let config = parse_database(Some(database_url.to_owned()), None)
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let db = Db::open(&config)
        .await
        .context("opening the server's database")?;
    let now = Utc::now();
    let professional = user(
        &db,
        "bench.professional@example.com",
        "Bench Professional",
        Role::Professional,
        now,
    )
    .await?;
    let mut client_cookies = Vec::with_capacity(clients);
    let mut first_client = None;
    for n in 0..clients {
        let email = format!("bench.client{n}@example.com");
        let client = user(&db, &email, &format!("Bench Client {n}"), Role::Client, now).await?;
        first_client.get_or_insert(client);
        let id = session::start(db.writer(), client, now).await?;
        client_cookies.push(format!("{}={id}", session::COOKIE_NAME));
    }
    let first = (now + Duration::days(1))
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .context("midnight")?
        .and_utc();
    let mut tx = db.begin_write(WriteScope::Slots(professional.0)).await?;
    let mut free_slots = Vec::with_capacity(slot_count);
    let mut polled_slot = None;
    for n in 0..=slot_count {
        let start: DateTime<Utc> = first + Duration::minutes(SLOT_MINUTES * n as i64);
        let slot = slots::repo::insert(
            &mut *tx,
            professional,
            start,
            start + Duration::minutes(SLOT_MINUTES),
            6000,
            TimeSource::OneOff,
            now,
        )
        .await?;
        if polled_slot.is_none() {
            polled_slot = Some(slot.id);
        } else {
            free_slots.push(slot.id);
        }
    }
    let polled_slot = polled_slot.context("no slot")?;
    let client = first_client.context("no client")?;
    let polled_booking = bookings::repo::insert(&mut *tx, polled_slot, client, None, now).await?;
    tx.commit().await?;
    Ok(Seeded {
        professional,
        client_cookies,
        free_slots,
        polled_booking,
        busy_day: first.date_naive(),
        db,
    })
}

async fn user(db: &Db, email: &str, name: &str, role: Role, now: DateTime<Utc>) -> Result<UserId> {
    let id = users::insert_if_new(db.writer(), email, "not a password hash", name, role, now)
        .await?
        .with_context(|| format!("{email} exists already: seed a fresh database"))?;
    users::mark_verified(db.writer(), id, now).await?;
    Ok(id)
}
