//! Rolling-window request limits, counted in the `request_limit_hits`
//! table so that they hold across server processes.
//!
//! A [`Limit`] allows `max` hits per subject (a client address, an email,
//! an account) in any rolling `window`. Refused requests are not counted,
//! so a block always lifts within one window.

use crate::db::{Db, WriteScope};
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

/// No limit has a longer window; the cleanup task forgets older hits.
pub const LONGEST_WINDOW: Duration = Duration::days(1);

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
/// lifts. The check and the count run in one write transaction of the
/// subjects' scopes, so concurrent requests are counted one after the other.
pub async fn take(
    db: &Db,
    hits: &[(&Limit, &str)],
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    let scopes: Vec<WriteScope<'_>> = hits
        .iter()
        .map(|(limit, subject)| WriteScope::Limit(limit.bucket, subject))
        .collect();
    let mut tx = db.begin_write_all(&scopes).await?;
    let mut wait: Option<i64> = None;
    for (limit, subject) in hits {
        forget_old(&mut tx, limit, subject, now).await?;
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
    db: &Db,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Verdict, sqlx::Error> {
    let mut conn = db.reader().acquire().await?;
    Ok(match lifts_in(&mut conn, limit, subject, now).await? {
        Some(secs) => refused(secs),
        None => Verdict::Allowed,
    })
}

/// Counts one hit of `subject`, whatever the count already is.
pub async fn record(
    db: &Db,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db
        .begin_write(WriteScope::Limit(limit.bucket, subject))
        .await?;
    forget_old(&mut tx, limit, subject, now).await?;
    insert(&mut tx, limit, subject, now).await?;
    tx.commit().await
}

/// Forgets every hit older than `before`, whatever its limit (the cleanup
/// task's share; each limit forgets its subject's old hits as it counts).
pub async fn remove_older_than(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM request_limit_hits WHERE at <= $1")
        .bind(before.timestamp())
        .execute(db.writer())
        .await?;
    Ok(result.rows_affected())
}

/// Forgets every hit of `subject` in every limit (an erased email).
pub async fn forget_subject(db: &mut AnyConnection, subject: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM request_limit_hits WHERE subject = $1")
        .bind(subject)
        .execute(db)
        .await?;
    Ok(())
}

/// Seconds until the subject is under the limit again, if it is at it: the
/// hit whose leaving the window brings the count below `max`.
async fn lifts_in(
    db: &mut AnyConnection,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let limiting: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM request_limit_hits
         WHERE bucket = $1 AND subject = $2 AND at > $3
         ORDER BY at DESC LIMIT 1 OFFSET $4",
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
    db: &mut AnyConnection,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO request_limit_hits (bucket, subject, at) VALUES ($1, $2, $3)")
        .bind(limit.bucket)
        .bind(subject)
        .bind(now.timestamp())
        .execute(db)
        .await?;
    Ok(())
}

async fn forget_old(
    db: &mut AnyConnection,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM request_limit_hits WHERE bucket = $1 AND subject = $2 AND at <= $3")
        .bind(limit.bucket)
        .bind(subject)
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
