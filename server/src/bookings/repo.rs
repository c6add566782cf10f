//! The `bookings` table, read with its slot and both people.

use super::cursor::Position;
use crate::db::{self, Engine};
use crate::notices::repo::Recipient;
use crate::slots;
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, AnyExecutor, FromRow};
use tandem_api::auth::Role;
use tandem_api::bookings::{Booking, BookingScope, BookingStatus, Participant};
use tandem_api::{BookingId, SlotId, UserId};

/// The columns [`BookingRow`] reads.
macro_rules! booking_columns {
    () => {
        "bookings.id, bookings.slot_id, slots.start_time, slots.end_time,
        slots.price_cents, bookings.status, bookings.notes, bookings.cancellation_reason,
        bookings.cancelled_by, bookings.revision,
        COALESCE(rules.cancellation_cutoff_hours, 0) AS cutoff_hours,
        client.id AS client_id, client.full_name AS client_name,
        professional.id AS professional_id, professional.full_name AS professional_name"
    };
}

/// A booking's slot, its two people and the professional's rules.
macro_rules! booking_joins {
    () => {
        "FROM bookings
    JOIN slots ON slots.id = bookings.slot_id
    JOIN users AS client ON client.id = bookings.client_id
    JOIN users AS professional ON professional.id = slots.professional_id
    LEFT JOIN availability_rules AS rules ON rules.professional_id = slots.professional_id"
    };
}

/// A booking with what [`BookingRow`] reads.
const SELECT: &str = concat!("SELECT ", booking_columns!(), " ", booking_joins!());

/// A booking with what [`BookedRow`] reads: [`SELECT`], and its two
/// people as the messages address them, as
/// [`notices::repo::recipient_pair`] reads them.
const SELECT_WITH_RECIPIENTS: &str = concat!(
    "SELECT ",
    booking_columns!(),
    ",
        client.email AS client_email,
        COALESCE(client.time_zone, client_rules.time_zone) AS client_time_zone,
        client.reminders AS client_reminders,
        CASE WHEN client.deleted_at IS NULL THEN 0 ELSE 1 END AS client_deleted,
        professional.email AS professional_email,
        COALESCE(professional.time_zone, rules.time_zone) AS professional_time_zone,
        professional.reminders AS professional_reminders,
        CASE WHEN professional.deleted_at IS NULL THEN 0 ELSE 1 END AS professional_deleted
    ",
    booking_joins!(),
    "
    LEFT JOIN availability_rules AS client_rules ON client_rules.professional_id = client.id"
);

#[derive(Debug, FromRow)]
struct BookingRow {
    id: i64,
    slot_id: i64,
    start_time: i64,
    end_time: i64,
    price_cents: i64,
    status: String,
    notes: Option<String>,
    cancellation_reason: Option<String>,
    cancelled_by: Option<i64>,
    revision: i64,
    cutoff_hours: i64,
    client_id: i64,
    client_name: String,
    professional_id: i64,
    professional_name: String,
}

impl BookingRow {
    fn into_booking(self) -> Result<Booking, sqlx::Error> {
        let status = match self.status.as_str() {
            "active" => BookingStatus::Active,
            "cancelled" => BookingStatus::Cancelled,
            other => {
                return Err(sqlx::Error::Decode(
                    format!("unknown status {other:?} of booking {}", self.id).into(),
                ))
            }
        };
        let start_time = db::utc(self.start_time)?;
        Ok(Booking {
            id: BookingId(self.id),
            slot_id: SlotId(self.slot_id),
            start_time,
            end_time: db::utc(self.end_time)?,
            price_cents: self.price_cents,
            status,
            notes: self.notes,
            cancellation_reason: self.cancellation_reason,
            cancelled_by: self.cancelled_by.map(UserId),
            client_change_deadline: start_time - chrono::Duration::hours(self.cutoff_hours),
            revision: self.revision,
            client: Participant {
                id: UserId(self.client_id),
                full_name: self.client_name,
                role: Role::Client,
            },
            professional: Participant {
                id: UserId(self.professional_id),
                full_name: self.professional_name,
                role: Role::Professional,
            },
        })
    }
}

pub async fn by_id(
    db: impl AnyExecutor<'_>,
    id: BookingId,
) -> Result<Option<Booking>, sqlx::Error> {
    sqlx::query_as::<_, BookingRow>(&format!("{SELECT} WHERE bookings.id = $1"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(BookingRow::into_booking)
        .transpose()
}

/// An active booking of the slot. A second active booking of the same
/// slot fails with a unique violation (`bookings_one_active_per_slot`).
pub async fn insert(
    db: impl AnyExecutor<'_>,
    slot: SlotId,
    client: UserId,
    notes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<BookingId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO bookings (slot_id, client_id, status, notes, created_at, scheduled_at)
         VALUES ($1, $2, 'active', $3, $4, $4)
         RETURNING id",
    )
    .bind(slot.0)
    .bind(client.0)
    .bind(notes)
    .bind(now.timestamp())
    .fetch_one(db)
    .await
    .map(BookingId)
}

/// A new booking as the request answers with it and its messages tell
/// about: the booking, and its two people as the messages address them.
#[derive(Debug, Clone)]
pub struct Inserted {
    pub booking: Booking,
    pub client: Recipient,
    pub professional: Recipient,
}

/// [`SELECT_WITH_RECIPIENTS`]' row.
#[derive(Debug, FromRow)]
struct BookedRow {
    #[sqlx(flatten)]
    booking: BookingRow,
    client_email: String,
    client_time_zone: Option<String>,
    client_reminders: i64,
    client_deleted: i64,
    professional_email: String,
    professional_time_zone: Option<String>,
    professional_reminders: i64,
    professional_deleted: i64,
}

impl BookedRow {
    fn into_inserted(self) -> Result<Inserted, sqlx::Error> {
        let client = Recipient {
            id: self.booking.client_id,
            email: self.client_email,
            full_name: self.booking.client_name.clone(),
            time_zone: self.client_time_zone,
            reminders: self.client_reminders,
            deleted: self.client_deleted,
        };
        let professional = Recipient {
            id: self.booking.professional_id,
            email: self.professional_email,
            full_name: self.booking.professional_name.clone(),
            time_zone: self.professional_time_zone,
            reminders: self.professional_reminders,
            deleted: self.professional_deleted,
        };
        Ok(Inserted {
            booking: self.booking.into_booking()?,
            client,
            professional,
        })
    }
}

/// The insert of an active booking: `$1` the slot, `$2` the client, `$3`
/// the notes, `$4` the time.
const INSERT: &str =
    "INSERT INTO bookings (slot_id, client_id, status, notes, created_at, scheduled_at)";

/// [`insert`], then the new booking as [`by_id`] reads it with its two
/// people as the messages address them, in one round trip.
pub async fn insert_returning(
    db: &mut AnyConnection,
    engine: Engine,
    slot: SlotId,
    client: UserId,
    notes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Inserted, sqlx::Error> {
    let insert = format!("{INSERT} VALUES ($1, $2, 'active', $3, $4, $4)");
    insert_then_read(db, engine, &insert, slot, client, notes, now)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// [`insert_returning`] if the slot can be booked: it is
/// [`slots::repo::BOOKABLE_SLOT`] and has not started at `now`; `None`
/// (nothing written) otherwise. Like [`insert`], it fails with a unique
/// violation if the slot has an active booking.
pub async fn insert_if_bookable(
    db: &mut AnyConnection,
    engine: Engine,
    slot: SlotId,
    client: UserId,
    notes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<Inserted>, sqlx::Error> {
    let insert = format!(
        "{INSERT} SELECT slots.id, $2, 'active', $3, $4, $4 {}
             AND slots.start_time > $4",
        slots::repo::BOOKABLE_SLOT
    );
    insert_then_read(db, engine, &insert, slot, client, notes, now).await
}

/// Runs `insert` (one of [`INSERT`]'s), then reads the row it inserted
/// with [`SELECT_WITH_RECIPIENTS`], in one round trip; `None` if it
/// inserted nothing.
///
/// On SQLite the two statements go to the connection as one batch (every
/// statement is a hand-off to the connection's thread, and on the one
/// writer every write waits for the hand-offs of the write before it). The
/// read finds the row by `last_insert_rowid()`, which a failed insert
/// never reaches (the batch stops at the error); after an insert of no
/// row it still names the connection's previous insert, perhaps someone
/// else's booking, hence `changes() = 1`. On PostgreSQL the insert runs
/// in a `WITH` query.
async fn insert_then_read(
    db: &mut AnyConnection,
    engine: Engine,
    insert: &str,
    slot: SlotId,
    client: UserId,
    notes: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<Inserted>, sqlx::Error> {
    let sql = match engine {
        Engine::Sqlite => format!(
            "{insert}; {SELECT_WITH_RECIPIENTS}
             WHERE bookings.id = last_insert_rowid() AND changes() = 1"
        ),
        // The `WITH` query's name hides the table in the read that follows
        // (not in the insert: a `WITH` name never hides an insert's
        // target), so the read sees the new row only.
        Engine::Postgres => {
            format!("WITH bookings AS ({insert} RETURNING *) {SELECT_WITH_RECIPIENTS}")
        }
    };
    // All the rows, not one: sqlx's `fetch_one` on SQLite looks at the
    // batch's first answer only, which is the insert's (no row).
    sqlx::query_as::<_, BookedRow>(&sql)
        .bind(slot.0)
        .bind(client.0)
        .bind(notes)
        .bind(now.timestamp())
        .fetch_all(db)
        .await?
        .pop()
        .map(BookedRow::into_inserted)
        .transpose()
}

/// Marks an active booking cancelled by `by`, with the reason they gave,
/// and moves its revision on; whether it was.
pub async fn cancel(
    db: impl AnyExecutor<'_>,
    id: BookingId,
    by: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = $1, cancelled_by = $2,
             cancellation_reason = $3, revision = revision + 1
         WHERE id = $4 AND status = 'active'",
    )
    .bind(now.timestamp())
    .bind(by.0)
    .bind(reason)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Notes that one of an active booking's two people (by `role`) is
/// running late, as of `now`; whether the booking is active.
pub async fn mark_running_late(
    db: impl AnyExecutor<'_>,
    id: BookingId,
    role: Role,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let statement = match role {
        Role::Client => {
            "UPDATE bookings SET client_late_at = $1 WHERE id = $2 AND status = 'active'"
        }
        Role::Professional => {
            "UPDATE bookings SET professional_late_at = $1 WHERE id = $2 AND status = 'active'"
        }
    };
    let result = sqlx::query(statement)
        .bind(now.timestamp())
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Moves an active booking to another slot and its revision on; whether
/// it was. A slot that already has an active booking fails with a unique
/// violation (`bookings_one_active_per_slot`).
pub async fn move_to_slot(
    db: impl AnyExecutor<'_>,
    id: BookingId,
    slot: SlotId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE bookings SET slot_id = $1, revision = revision + 1, scheduled_at = $2
         WHERE id = $3 AND status = 'active'",
    )
    .bind(slot.0)
    .bind(now.timestamp())
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Up to `limit` of the user's bookings (as the client or as the
/// professional) in `scope` at `now`, after `after`: upcoming ones (not
/// ended) soonest first, past ones (ended) latest first.
pub async fn page(
    db: impl AnyExecutor<'_>,
    user: UserId,
    scope: BookingScope,
    now: DateTime<Utc>,
    after: Option<Position>,
    limit: i64,
) -> Result<Vec<Booking>, sqlx::Error> {
    // Without a cursor, a position before the first booking of the order.
    let (sql, first) = match scope {
        BookingScope::Upcoming => (
            format!(
                "{SELECT}
                 WHERE (bookings.client_id = $1 OR slots.professional_id = $1)
                   AND slots.end_time > $2
                   AND (slots.start_time, bookings.id) > ($3, $4)
                 ORDER BY slots.start_time, bookings.id
                 LIMIT $5"
            ),
            i64::MIN,
        ),
        BookingScope::Past => (
            format!(
                "{SELECT}
                 WHERE (bookings.client_id = $1 OR slots.professional_id = $1)
                   AND slots.end_time <= $2
                   AND (slots.start_time, bookings.id) < ($3, $4)
                 ORDER BY slots.start_time DESC, bookings.id DESC
                 LIMIT $5"
            ),
            i64::MAX,
        ),
    };
    let (start_time, id) = after.map_or((first, first), |p| (p.start_time, p.id.0));
    let rows = sqlx::query_as::<_, BookingRow>(&sql)
        .bind(user.0)
        .bind(now.timestamp())
        .bind(start_time)
        .bind(id)
        .bind(limit)
        .fetch_all(db)
        .await?;
    rows.into_iter().map(BookingRow::into_booking).collect()
}

/// Up to `limit` of the user's bookings (either side) that start after
/// `after`, soonest first, cancelled ones included.
pub async fn starting_after(
    db: impl AnyExecutor<'_>,
    user: UserId,
    after: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Booking>, sqlx::Error> {
    let rows = sqlx::query_as::<_, BookingRow>(&format!(
        "{SELECT}
         WHERE (bookings.client_id = $1 OR slots.professional_id = $1)
           AND slots.start_time > $2
         ORDER BY slots.start_time, bookings.id
         LIMIT $3"
    ))
    .bind(user.0)
    .bind(after.timestamp())
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(BookingRow::into_booking).collect()
}

/// How many active bookings the client holds that have not ended by `now`.
pub async fn upcoming_count_of_client(
    db: impl AnyExecutor<'_>,
    client: UserId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings JOIN slots ON slots.id = bookings.slot_id
         WHERE bookings.client_id = $1 AND bookings.status = 'active' AND slots.end_time > $2",
    )
    .bind(client.0)
    .bind(now.timestamp())
    .fetch_one(db)
    .await
}

/// Whether the booking exists and is not cancelled.
pub async fn is_active(db: impl AnyExecutor<'_>, id: BookingId) -> Result<bool, sqlx::Error> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1")
        .bind(id.0)
        .fetch_optional(db)
        .await?;
    Ok(status.as_deref() == Some("active"))
}
