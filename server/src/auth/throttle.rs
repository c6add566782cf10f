//! Throttling of failed sign-ins, kept in the `login_failures` table so
//! that the limits hold across server processes.
//!
//! A rolling window of [`WINDOW`]: at most [`PER_CLIENT`] failures for one
//! email from one client address, and [`PER_EMAIL`] for one email from
//! anywhere. Refused attempts are not recorded, so a block always lifts
//! within one window, and a stranger elsewhere cannot lock the owner out
//! before the per-email cap.

use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;

pub const WINDOW: Duration = Duration::minutes(15);
pub const PER_CLIENT: i64 = 5;
pub const PER_EMAIL: i64 = 20;

/// 429 `rate_limited` while either limit is reached.
pub async fn check(
    db: &SqlitePool,
    email: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let since = (now - WINDOW).timestamp();
    // The failure whose expiry brings the count back under the limit.
    let per_client: Option<i64> = sqlx::query_scalar(
        "SELECT failed_at FROM login_failures
         WHERE email = ? AND client_ip = ? AND failed_at > ?
         ORDER BY failed_at DESC LIMIT 1 OFFSET ?",
    )
    .bind(email)
    .bind(client)
    .bind(since)
    .bind(PER_CLIENT - 1)
    .fetch_optional(db)
    .await?;
    let per_email: Option<i64> = sqlx::query_scalar(
        "SELECT failed_at FROM login_failures
         WHERE email = ? AND failed_at > ?
         ORDER BY failed_at DESC LIMIT 1 OFFSET ?",
    )
    .bind(email)
    .bind(since)
    .bind(PER_EMAIL - 1)
    .fetch_optional(db)
    .await?;

    match per_client.into_iter().chain(per_email).max() {
        None => Ok(()),
        Some(failed_at) => {
            let lifts_at = failed_at + WINDOW.num_seconds();
            let wait = (lifts_at - now.timestamp()).max(1);
            Err(AppError::RateLimited {
                retry_after_secs: wait.unsigned_abs(),
            })
        }
    }
}

/// Counts a failed attempt, and forgets failures older than the window.
pub async fn record_failure(
    db: &SqlitePool,
    email: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO login_failures (email, client_ip, failed_at) VALUES (?, ?, ?)")
        .bind(email)
        .bind(client)
        .bind(now.timestamp())
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM login_failures WHERE failed_at <= ?")
        .bind((now - WINDOW).timestamp())
        .execute(db)
        .await?;
    Ok(())
}

/// After a successful sign-in: the failures of this email from this
/// client no longer count.
pub async fn clear(db: &SqlitePool, email: &str, client: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE email = ? AND client_ip = ?")
        .bind(email)
        .bind(client)
        .execute(db)
        .await?;
    Ok(())
}
