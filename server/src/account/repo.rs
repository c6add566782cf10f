//! The account's own rows in `users` (and what deleting it erases
//! elsewhere), for the account and password-reset flows.

use crate::auth::users::{UserRow, COLUMNS};
use chrono::{DateTime, Utc};
use sqlx::{AnyExecutor, FromRow};
use tandem_api::account::Account;
use tandem_api::auth::User;
use tandem_api::UserId;

/// The account of a normalised email, unless it was deleted.
pub async fn active_by_email(
    db: impl AnyExecutor<'_>,
    email: &str,
) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(&format!(
        "SELECT {COLUMNS} FROM users WHERE email = $1 AND deleted_at IS NULL"
    ))
    .bind(email)
    .fetch_optional(db)
    .await?
    .map(UserRow::into_user)
    .transpose()
}

/// The account with its time zone, unless it was deleted.
pub async fn by_id(db: impl AnyExecutor<'_>, id: UserId) -> Result<Option<Account>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        time_zone: Option<String>,
        reminders: i64,
    }
    let Some(row) = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS}, users.time_zone, users.reminders FROM users
         WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id.0)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let user = row.user.into_user()?;
    Ok(Some(Account {
        id: user.id,
        email: user.email,
        full_name: user.full_name,
        role: user.role,
        verified: user.verified,
        time_zone: row.time_zone,
        reminders: row.reminders != 0,
    }))
}

/// The stored password hash, unless the account was deleted.
pub async fn password_hash(
    db: impl AnyExecutor<'_>,
    id: UserId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1 AND deleted_at IS NULL")
        .bind(id.0)
        .fetch_optional(db)
        .await
}

pub async fn set_password_hash(
    db: impl AnyExecutor<'_>,
    id: UserId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2 AND deleted_at IS NULL")
        .bind(password_hash)
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Replaces the name and the time zone.
pub async fn update_profile(
    db: impl AnyExecutor<'_>,
    id: UserId,
    full_name: &str,
    time_zone: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET full_name = $1, time_zone = $2 WHERE id = $3 AND deleted_at IS NULL",
    )
    .bind(full_name)
    .bind(time_zone)
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}

/// Turns reminder emails on or off.
pub async fn set_reminders(
    db: impl AnyExecutor<'_>,
    id: UserId,
    on: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET reminders = $1 WHERE id = $2 AND deleted_at IS NULL")
        .bind(i64::from(on))
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// The person's active bookings that have not started, either side.
pub async fn upcoming_active_bookings(
    db: impl AnyExecutor<'_>,
    id: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<tandem_api::BookingId>, sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT bookings.id FROM bookings JOIN slots ON slots.id = bookings.slot_id
         WHERE bookings.status = 'active' AND slots.start_time > $1
           AND (bookings.client_id = $2 OR slots.professional_id = $2)",
    )
    .bind(now.timestamp())
    .bind(id.0)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().map(tandem_api::BookingId).collect())
}

/// Cancels the person's active bookings that have not started, as the
/// client or the professional, with `reason`: how many.
pub async fn cancel_upcoming_bookings(
    db: impl AnyExecutor<'_>,
    id: UserId,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE bookings
         SET status = 'cancelled', cancelled_at = $1, cancelled_by = $2, cancellation_reason = $3,
             revision = revision + 1
         WHERE status = 'active'
           AND slot_id IN (SELECT id FROM slots WHERE start_time > $1)
           AND (client_id = $2 OR slot_id IN (SELECT id FROM slots WHERE professional_id = $2))",
    )
    .bind(now.timestamp())
    .bind(id.0)
    .bind(reason)
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}

/// Deletes a professional's slots that have not started and were never
/// booked (the cancelled ones stay, so their clients keep the history).
pub async fn delete_unbooked_upcoming_slots(
    db: impl AnyExecutor<'_>,
    professional: UserId,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "DELETE FROM slots
         WHERE professional_id = $1 AND start_time > $2
           AND NOT EXISTS (SELECT 1 FROM bookings WHERE bookings.slot_id = slots.id)",
    )
    .bind(professional.0)
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}

/// Erases what the person wrote or is known by outside `users`: the notes
/// of their bookings, their name in call rooms, their tokens, sessions and
/// throttling records.
pub async fn erase_personal_rows(
    db: &mut sqlx::AnyConnection,
    id: UserId,
    email: &str,
    deleted_name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE bookings SET notes = NULL WHERE client_id = $1")
        .bind(id.0)
        .execute(&mut *db)
        .await?;
    sqlx::query("UPDATE call_participants SET name = $1 WHERE identity = $2")
        .bind(deleted_name)
        .bind(id.0.to_string())
        .execute(&mut *db)
        .await?;
    for table in [
        "sessions",
        "verification_tokens",
        "password_reset_tokens",
        "call_token_grants",
        "trusted_devices",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE user_id = $1"))
            .bind(id.0)
            .execute(&mut *db)
            .await?;
    }
    sqlx::query("DELETE FROM login_attempts WHERE email = $1")
        .bind(email)
        .execute(&mut *db)
        .await?;
    crate::request_limit::forget_subject(db, email).await
}

/// Turns the row into a tombstone: no email, name, password or time zone,
/// and `deleted_at` set. The email becomes `deleted-<id>`, which no
/// address can be (it has no `@`), so it frees the address for a new
/// account and nobody can sign in to it.
pub async fn make_tombstone(
    db: impl AnyExecutor<'_>,
    id: UserId,
    deleted_name: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users
         SET email = 'deleted-' || id, password_hash = '', full_name = $1, time_zone = NULL,
             verified_at = NULL, deleted_at = $2
         WHERE id = $3 AND deleted_at IS NULL",
    )
    .bind(deleted_name)
    .bind(now.timestamp())
    .bind(id.0)
    .execute(db)
    .await?;
    Ok(())
}
