//! Rolling-window request limits, counted in the `request_limit_hits`
//! table so that they hold across server processes.
//!
//! A [`Limit`] allows `max` hits per subject (a client address, an email,
//! an account) in any rolling `window`. Refused requests are not counted,
//! so a block always lifts within one window.

use crate::db;
use chrono::{DateTime, Duration, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// One limit: at most `max` hits of one subject per rolling `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The limit's name in the table (`register_per_client`, …).
    pub bucket: &'static str,
    pub max: i64,
    pub window: Duration,
}

/// Whether a request may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// A limit is reached; it lifts in this many seconds (at least one).
    Refused {
        retry_after_secs: u64,
    },
}

/// Counts one hit for each `(limit, subject)` if none of them is reached;
/// otherwise counts nothing and says when the last of the reached ones
/// lifts. The check and the count hold SQLite's write lock together, so
/// concurrent requests are counted one after the other.
pub async fn take(
    pool: &SqlitePool,
    hits: &[(&Limit, &str)],
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    let mut tx = db::begin_immediate(pool).await?;
    let mut wait: Option<i64> = None;
    for (limit, subject) in hits {
        forget_old(&mut tx, limit, now).await?;
        if let Some(secs) = lifts_in(&mut tx, limit, subject, now).await? {
            wait = Some(wait.map_or(secs, |w| w.max(secs)));
        }
    }
    if let Some(secs) = wait {
        return Ok(refused(secs));
    }
    for (limit, subject) in hits {
        insert(&mut tx, limit, subject, now).await?;
    }
    tx.commit().await?;
    Ok(Verdict::Allowed)
}

/// Whether `subject` is under `limit`, without counting anything (for
/// limits that count only failures, recorded with [`record`]).
pub async fn check(
    pool: &SqlitePool,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    Ok(match lifts_in(&mut conn, limit, subject, now).await? {
        Some(secs) => refused(secs),
        None => Verdict::Allowed,
    })
}

/// Counts one hit of `subject`, whatever the count already is.
pub async fn record(
    pool: &SqlitePool,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    forget_old(&mut conn, limit, now).await?;
    insert(&mut conn, limit, subject, now).await
}

/// Forgets every hit of `subject` in every limit (an erased email).
pub async fn forget_subject(db: &mut SqliteConnection, subject: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM request_limit_hits WHERE subject = ?")
        .bind(subject)
        .execute(db)
        .await?;
    Ok(())
}

/// Seconds until the subject is under the limit again, if it is at it: the
/// hit whose leaving the window brings the count below `max`.
async fn lifts_in(
    db: &mut SqliteConnection,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let limiting: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM request_limit_hits
         WHERE bucket = ? AND subject = ? AND at > ?
         ORDER BY at DESC LIMIT 1 OFFSET ?",
    )
    .bind(limit.bucket)
    .bind(subject)
    .bind((now - limit.window).timestamp())
    .bind(limit.max - 1)
    .fetch_optional(db)
    .await?;
    Ok(limiting.map(|at| at + limit.window.num_seconds() - now.timestamp()))
}

async fn insert(
    db: &mut SqliteConnection,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO request_limit_hits (bucket, subject, at) VALUES (?, ?, ?)")
        .bind(limit.bucket)
        .bind(subject)
        .bind(now.timestamp())
        .execute(db)
        .await?;
    Ok(())
}

async fn forget_old(
    db: &mut SqliteConnection,
    limit: &Limit,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM request_limit_hits WHERE bucket = ? AND at <= ?")
        .bind(limit.bucket)
        .bind((now - limit.window).timestamp())
        .execute(db)
        .await?;
    Ok(())
}

fn refused(secs: i64) -> Verdict {
    Verdict::Refused {
        retry_after_secs: secs.max(1).unsigned_abs(),
    }
}

/// "Try again in 1 minute." / "Try again in 12 minutes." (rounded up).
pub fn try_again_in(retry_after_secs: u64) -> String {
    let minutes = retry_after_secs.div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Try again in {minutes} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_whole_minutes_rounded_up() {
        assert_eq!(try_again_in(1), "Try again in 1 minute.");
        assert_eq!(try_again_in(60), "Try again in 1 minute.");
        assert_eq!(try_again_in(61), "Try again in 2 minutes.");
        assert_eq!(try_again_in(3600), "Try again in 60 minutes.");
    }
}
