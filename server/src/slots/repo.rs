//! The `slots` table.

use crate::db;
use chrono::{DateTime, Utc};
use sqlx::{AnyExecutor, FromRow};
use tandem_api::slots::Slot;
use tandem_api::{SlotId, UserId};

/// The columns [`SlotRow`] reads; `is_booked` is 1 when an active booking
/// holds the slot (an integer, which both engines return alike).
const COLUMNS: &str = "slots.id, slots.professional_id, slots.start_time, slots.end_time,
    slots.price_cents,
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

fn into_slots(rows: Vec<SlotRow>) -> Result<Vec<Slot>, sqlx::Error> {
    rows.into_iter().map(SlotRow::into_slot).collect()
}

pub async fn by_id(db: impl AnyExecutor<'_>, id: SlotId) -> Result<Option<Slot>, sqlx::Error> {
    sqlx::query_as::<_, SlotRow>(&format!("SELECT {COLUMNS} FROM slots WHERE slots.id = $1"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(SlotRow::into_slot)
        .transpose()
}

/// The professional's slots that start in `[from, to)` and after `after`,
/// by start.
pub async fn starting_between(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    after: DateTime<Utc>,
) -> Result<Vec<Slot>, sqlx::Error> {
    let rows = sqlx::query_as::<_, SlotRow>(&format!(
        "SELECT {COLUMNS} FROM slots
         WHERE slots.professional_id = $1 AND slots.start_time >= $2 AND slots.start_time < $3
           AND slots.start_time > $4
         ORDER BY slots.start_time"
    ))
    .bind(professional.0)
    .bind(from.timestamp())
    .bind(to.timestamp())
    .bind(after.timestamp())
    .fetch_all(db)
    .await?;
    into_slots(rows)
}

/// The professional's slots that end after `now`, by start.
pub async fn not_ended(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Slot>, sqlx::Error> {
    let rows = sqlx::query_as::<_, SlotRow>(&format!(
        "SELECT {COLUMNS} FROM slots
         WHERE slots.professional_id = $1 AND slots.end_time > $2
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

pub async fn insert(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    price_cents: i64,
    now: DateTime<Utc>,
) -> Result<Slot, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO slots (professional_id, start_time, end_time, price_cents, created_at)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(professional.0)
    .bind(start.timestamp())
    .bind(end.timestamp())
    .bind(price_cents)
    .bind(now.timestamp())
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
