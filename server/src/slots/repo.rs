//! The `slots` table.
//!
//! A slot is a one-off time a professional published, or a time booked
//! from their weekly hours (origin `weekly_hours`), created with its
//! booking. A released slot (its booking was cancelled) holds no time: it
//! only keeps the cancelled booking's time, and every query here but
//! [`release`] leaves it out.

use crate::availability::engine::Held;
use crate::db;
use chrono::{DateTime, Utc};
use sqlx::{AnyExecutor, FromRow};
use tandem_api::availability::TimeSource;
use tandem_api::slots::Slot;
use tandem_api::{SlotId, UserId};

/// The columns [`SlotRow`] reads; `is_booked` is 1 when an active booking
/// holds the slot (an integer, which both engines return alike).
const COLUMNS: &str = "slots.id, slots.professional_id, slots.start_time, slots.end_time,
    slots.price_cents, slots.origin,
    CASE WHEN EXISTS (
        SELECT 1 FROM bookings WHERE bookings.slot_id = slots.id AND bookings.status = 'active'
    ) THEN 1 ELSE 0 END AS is_booked";

#[derive(Debug, FromRow)]
struct SlotRow {
    id: i64,
    professional_id: i64,
    start_time: i64,
    end_time: i64,
    price_cents: i64,
    origin: String,
    is_booked: i64,
}

impl SlotRow {
    fn into_slot(self) -> Result<Slot, sqlx::Error> {
        Ok(Slot {
            id: SlotId(self.id),
            professional_id: UserId(self.professional_id),
            start_time: db::utc(self.start_time)?,
            end_time: db::utc(self.end_time)?,
            price_cents: self.price_cents,
            is_booked: self.is_booked == 1,
        })
    }
}

/// Where a slot came from, by its `origin`.
fn source(origin: &str) -> TimeSource {
    if origin == ORIGIN_WEEKLY_HOURS {
        TimeSource::WeeklyHours
    } else {
        TimeSource::OneOff
    }
}

const ORIGIN_WEEKLY_HOURS: &str = "weekly_hours";

fn into_slots(rows: Vec<SlotRow>) -> Result<Vec<Slot>, sqlx::Error> {
    rows.into_iter().map(SlotRow::into_slot).collect()
}

pub async fn by_id(db: impl AnyExecutor<'_>, id: SlotId) -> Result<Option<Slot>, sqlx::Error> {
    sqlx::query_as::<_, SlotRow>(&format!(
        "SELECT {COLUMNS} FROM slots WHERE slots.id = $1 AND slots.released_at IS NULL"
    ))
    .bind(id.0)
    .fetch_optional(db)
    .await?
    .map(SlotRow::into_slot)
    .transpose()
}

/// The slot `$1` if it can be booked at all: not released, and its
/// professional's account not deleted (`FROM` onwards, for
/// [`bookable_by_id`] and for the booking's insert that checks it,
/// `bookings::repo::insert_if_bookable`).
pub const BOOKABLE_SLOT: &str = "FROM slots
    JOIN users ON users.id = slots.professional_id
        AND users.role = 'professional' AND users.deleted_at IS NULL
    WHERE slots.id = $1 AND slots.released_at IS NULL";

/// The slot, if it can be booked at all ([`BOOKABLE_SLOT`]). One query,
/// for the booking's write transaction.
pub async fn bookable_by_id(
    db: impl AnyExecutor<'_>,
    id: SlotId,
) -> Result<Option<Slot>, sqlx::Error> {
    sqlx::query_as::<_, SlotRow>(&format!("SELECT {COLUMNS} {BOOKABLE_SLOT}"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(SlotRow::into_slot)
        .transpose()
}

/// The professional's slots that start in `[from, to)` and after `after`,
/// by start, each with where it came from.
pub async fn starting_between(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    after: DateTime<Utc>,
) -> Result<Vec<(Slot, TimeSource)>, sqlx::Error> {
    let rows = sqlx::query_as::<_, SlotRow>(&format!(
        "SELECT {COLUMNS} FROM slots
         WHERE slots.professional_id = $1 AND slots.start_time >= $2 AND slots.start_time < $3
           AND slots.start_time > $4 AND slots.released_at IS NULL
         ORDER BY slots.start_time"
    ))
    .bind(professional.0)
    .bind(from.timestamp())
    .bind(to.timestamp())
    .bind(after.timestamp())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            let source = source(&row.origin);
            row.into_slot().map(|slot| (slot, source))
        })
        .collect()
}

/// The time the professional's slots hold in `[from, to)`: every
/// unreleased slot that shares a moment with it, booked or not.
pub async fn held_between(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Held>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT start_time, end_time FROM slots
         WHERE professional_id = $1 AND start_time < $2 AND end_time > $3
           AND released_at IS NULL
         ORDER BY start_time",
    )
    .bind(professional.0)
    .bind(to.timestamp())
    .bind(from.timestamp())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(start, end)| {
            Ok(Held {
                start: db::utc(start)?,
                end: db::utc(end)?,
            })
        })
        .collect()
}

/// The start of the professional's first free one-off slot that starts
/// after `after`.
pub async fn first_free_one_off(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    after: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let start: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(start_time) FROM slots
         WHERE professional_id = $1 AND start_time > $2 AND origin = 'one_off'
           AND NOT EXISTS (
               SELECT 1 FROM bookings WHERE bookings.slot_id = slots.id AND bookings.status = 'active'
           )",
    )
    .bind(professional.0)
    .bind(after.timestamp())
    .fetch_one(db)
    .await?;
    start.map(db::utc).transpose()
}

/// The professional's one-off slots that end after `now`, by start.
pub async fn not_ended(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Slot>, sqlx::Error> {
    let rows = sqlx::query_as::<_, SlotRow>(&format!(
        "SELECT {COLUMNS} FROM slots
         WHERE slots.professional_id = $1 AND slots.end_time > $2 AND slots.origin = 'one_off'
         ORDER BY slots.start_time"
    ))
    .bind(professional.0)
    .bind(now.timestamp())
    .fetch_all(db)
    .await?;
    into_slots(rows)
}

/// The earliest of the professional's slots that shares some time with
/// `[start, end)`; a slot that ends when this one starts does not.
pub async fn first_overlapping(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<Slot>, sqlx::Error> {
    sqlx::query_as::<_, SlotRow>(&format!(
        "SELECT {COLUMNS} FROM slots
         WHERE slots.professional_id = $1 AND slots.start_time < $2 AND slots.end_time > $3
           AND slots.released_at IS NULL
         ORDER BY slots.start_time LIMIT 1"
    ))
    .bind(professional.0)
    .bind(end.timestamp())
    .bind(start.timestamp())
    .fetch_optional(db)
    .await?
    .map(SlotRow::into_slot)
    .transpose()
}

/// Adds a slot of `source`: a one-off, or the time of a booking made from
/// weekly hours (insert its booking in the same transaction).
pub async fn insert(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    price_cents: i64,
    source: TimeSource,
    now: DateTime<Utc>,
) -> Result<Slot, sqlx::Error> {
    let origin = match source {
        TimeSource::OneOff => "one_off",
        TimeSource::WeeklyHours => ORIGIN_WEEKLY_HOURS,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO slots (professional_id, start_time, end_time, price_cents, created_at, origin)
         VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id",
    )
    .bind(professional.0)
    .bind(start.timestamp())
    .bind(end.timestamp())
    .bind(price_cents)
    .bind(now.timestamp())
    .bind(origin)
    .fetch_one(db)
    .await?;
    Ok(Slot {
        id: SlotId(id),
        professional_id: professional,
        start_time: start,
        end_time: end,
        price_cents,
        is_booked: false,
    })
}

/// The condition of a weekly-hours slot that no active booking holds.
const UNBOOKED_WEEKLY: &str = "origin = 'weekly_hours' AND released_at IS NULL
    AND NOT EXISTS (
        SELECT 1 FROM bookings WHERE bookings.slot_id = slots.id AND bookings.status = 'active'
    )";

/// Releases the slot if it came from weekly hours and its booking was
/// cancelled, so the time can be booked again. Run it in the cancelling
/// transaction.
pub async fn release_if_unbooked(
    db: impl AnyExecutor<'_>,
    id: SlotId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE slots SET released_at = $1 WHERE id = $2 AND {UNBOOKED_WEEKLY}"
    ))
    .bind(now.timestamp())
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Releases every weekly-hours slot whose bookings were all cancelled (by
/// an account's deletion, for one): how many.
pub async fn release_all_unbooked(
    db: impl AnyExecutor<'_>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(&format!(
        "UPDATE slots SET released_at = $1 WHERE {UNBOOKED_WEEKLY}"
    ))
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}

/// Deletes the slot and its cancelled bookings (the schema refuses to
/// delete a slot any booking row still refers to). Run it in a
/// transaction that checked there is no active booking.
pub async fn delete_with_cancelled_bookings(
    db: &mut sqlx::AnyConnection,
    id: SlotId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM bookings WHERE slot_id = $1 AND status = 'cancelled'")
        .bind(id.0)
        .execute(&mut *db)
        .await?;
    sqlx::query("DELETE FROM slots WHERE id = $1")
        .bind(id.0)
        .execute(&mut *db)
        .await?;
    Ok(())
}
