//! The demo data's SQL: the reads and inserts that seeding makes, so that
//! [`super`] holds only what to seed and when.

use crate::db::Db;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::{DemoBooking, DemoUser};

/// The id of the professional account with this email, if there is one.
pub async fn professional_id(
    tx: &mut AnyConnection,
    email: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND role = 'professional'")
        .bind(email)
        .fetch_optional(&mut *tx)
        .await
}

/// Whether an account has this email, whatever its role.
pub async fn email_taken(pool: &Db, email: &str) -> Result<bool, sqlx::Error> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM users WHERE email = $1) THEN 1 ELSE 0 END",
    )
    .bind(email)
    .fetch_one(pool.reader())
    .await?;
    Ok(exists == 1)
}

/// Creates the account unless its email is taken meanwhile; the rows added.
pub async fn insert_user(
    pool: &Db,
    user: &DemoUser,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let verified_at = user.verified.then(|| now.timestamp());
    let result = sqlx::query(
        "INSERT INTO users (email, password_hash, full_name, role, verified_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email) DO NOTHING",
    )
    .bind(user.email)
    .bind(password_hash)
    .bind(user.full_name)
    .bind(user.role.as_str())
    .bind(verified_at)
    .bind(now.timestamp())
    .execute(pool.writer())
    .await?;
    Ok(result.rows_affected())
}

/// Inserts the one-off slot unless it overlaps one of the professional's
/// slots; the rows added.
pub async fn insert_slot_if_free(
    tx: &mut AnyConnection,
    professional_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    price_cents: i64,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "INSERT INTO slots (professional_id, start_time, end_time, price_cents, created_at)
         SELECT $1, $2, $3, $4, $5
         WHERE NOT EXISTS (
             SELECT 1 FROM slots
             WHERE professional_id = $1 AND start_time < $3 AND end_time > $2
               AND released_at IS NULL
         )
         ON CONFLICT DO NOTHING",
    )
    .bind(professional_id)
    .bind(start.timestamp())
    .bind(end.timestamp())
    .bind(price_cents)
    .bind(now.timestamp())
    .execute(tx)
    .await?;
    Ok(result.rows_affected())
}

/// Inserts a one-off slot the caller checked is free; its id.
pub async fn insert_slot(
    tx: &mut AnyConnection,
    professional_id: i64,
    (start, end): (i64, i64),
    price_cents: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO slots (professional_id, start_time, end_time, price_cents, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(professional_id)
    .bind(start)
    .bind(end)
    .bind(price_cents)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
}

/// The ids of the booking's client and professional, when both accounts
/// exist with those roles.
pub async fn participant_ids(
    tx: &mut AnyConnection,
    booking: &DemoBooking,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT client.id, professional.id FROM users AS client, users AS professional
         WHERE client.email = $1 AND client.role = 'client'
           AND professional.email = $2 AND professional.role = 'professional'",
    )
    .bind(booking.client_email)
    .bind(booking.professional_email)
    .fetch_optional(&mut *tx)
    .await
}

/// Whether the client has an active session with the professional under
/// way at `now`.
pub async fn session_under_way(
    tx: &mut AnyConnection,
    client_id: i64,
    professional_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let running: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN EXISTS (
             SELECT 1 FROM bookings JOIN slots ON slots.id = bookings.slot_id
             WHERE bookings.client_id = $1 AND bookings.status = 'active'
               AND slots.professional_id = $2
               AND slots.start_time <= $3 AND slots.end_time > $3
         ) THEN 1 ELSE 0 END",
    )
    .bind(client_id)
    .bind(professional_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    Ok(running == 1)
}

/// The professional's slot under way at `now`, and whether somebody
/// booked it.
pub async fn slot_under_way(
    tx: &mut AnyConnection,
    professional_id: i64,
    now: i64,
) -> Result<Option<(i64, bool)>, sqlx::Error> {
    let current: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, CASE WHEN EXISTS (
             SELECT 1 FROM bookings WHERE slot_id = slots.id AND status = 'active'
         ) THEN 1 ELSE 0 END
         FROM slots WHERE professional_id = $1 AND start_time <= $2 AND end_time > $2
           AND released_at IS NULL",
    )
    .bind(professional_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(current.map(|(id, booked)| (id, booked == 1)))
}

/// Of the professional's slots that meet `[start, end)`, none of which
/// holds `now`: the last end at or before `now` and the first start after
/// it.
pub async fn neighbours_of(
    tx: &mut AnyConnection,
    professional_id: i64,
    now: i64,
    (start, end): (i64, i64),
) -> Result<(Option<i64>, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT MAX(CASE WHEN end_time <= $2 THEN end_time END),
                MIN(CASE WHEN start_time > $2 THEN start_time END)
         FROM slots WHERE professional_id = $1 AND start_time < $4 AND end_time > $3
           AND released_at IS NULL",
    )
    .bind(professional_id)
    .bind(now)
    .bind(start)
    .bind(end)
    .fetch_one(&mut *tx)
    .await
}

/// Books the slot for the client.
pub async fn insert_booking(
    tx: &mut AnyConnection,
    slot_id: i64,
    client_id: i64,
    notes: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO bookings (slot_id, client_id, status, notes, created_at)
         VALUES ($1, $2, 'active', $3, $4)",
    )
    .bind(slot_id)
    .bind(client_id)
    .bind(notes)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Books the professional's next one-off slot for the client, unless
/// somebody booked it or the client already has an active session with
/// them that has not ended and starts no later; the rows added.
pub async fn book_next_one_off(
    tx: &mut AnyConnection,
    client_id: i64,
    professional_id: i64,
    notes: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "INSERT INTO bookings (slot_id, client_id, status, notes, created_at)
         SELECT next.id, $1, 'active', $3, $4
         FROM (
             SELECT id, start_time FROM slots
             WHERE professional_id = $2 AND start_time > $4 AND origin = 'one_off'
             ORDER BY start_time LIMIT 1
         ) AS next
         WHERE NOT EXISTS (
             SELECT 1 FROM bookings WHERE slot_id = next.id AND status = 'active'
         )
         AND NOT EXISTS (
             SELECT 1 FROM bookings JOIN slots ON slots.id = bookings.slot_id
             WHERE bookings.client_id = $1 AND bookings.status = 'active'
               AND slots.professional_id = $2
               AND slots.end_time > $4 AND slots.start_time <= next.start_time
         )",
    )
    .bind(client_id)
    .bind(professional_id)
    .bind(notes)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(result.rows_affected())
}
