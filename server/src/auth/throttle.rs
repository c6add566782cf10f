//! Throttling of sign-in attempts, kept in the `login_attempts` table so
//! that the limits hold across server processes sharing the database.
//!
//! Before a password is checked, [`reserve`] counts the attempts of the
//! last [`WINDOW`] and, if every limit allows one more, records this one
//! as `pending`, all inside one `BEGIN IMMEDIATE` transaction: concurrent
//! attempts (from any process) count one after the other, so however many
//! arrive at once, no more passwords are checked than the limits allow.
//! After the check the reservation becomes a failure ([`Attempt::failed`])
//! or is removed ([`Attempt::succeeded`], [`Attempt::not_checked`]).
//!
//! The limits, each over the last [`WINDOW`]:
//! - from a browser that is not a trusted device of the account: at most
//!   [`PER_CLIENT`] for one email from one client address,
//!   [`PER_EMAIL`] for one email from anywhere, and [`PER_ADDRESS`] from one
//!   address over all emails (password spraying);
//! - from a trusted device of the account ([`super::device`]): at most
//!   [`PER_DEVICE`] for that device, whatever the others did, so the owner
//!   is never locked out by strangers.
//!
//! Refused attempts are not recorded, so a block always lifts within one
//! window.

use crate::db::{Db, WriteScope};
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;

pub const WINDOW: Duration = Duration::minutes(15);
pub const PER_CLIENT: i64 = 5;
pub const PER_EMAIL: i64 = 20;
pub const PER_ADDRESS: i64 = 50;
pub const PER_DEVICE: i64 = 5;

/// Where an attempt comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A browser without a device cookie of this account, at this client
    /// address ([`super::ClientIp`]).
    Untrusted { client: &'a str },
    /// A trusted device of the account: the hash of its token. `client`
    /// is still recorded.
    Device { client: &'a str, hash: &'a [u8] },
}

impl Source<'_> {
    fn client(&self) -> &str {
        match self {
            Self::Untrusted { client } | Self::Device { client, .. } => client,
        }
    }

    fn device(&self) -> Option<&[u8]> {
        match self {
            Self::Untrusted { .. } => None,
            Self::Device { hash, .. } => Some(hash),
        }
    }
}

/// A reserved attempt: its password may be checked now. Each reservation
/// ends with one of its methods; a reservation whose request was dropped
/// half-way stays `pending` and counts as a failure until it leaves the
/// window.
#[derive(Debug)]
#[must_use = "a reservation ends as a failure, a success, or not checked"]
pub struct Attempt {
    id: i64,
}

/// Reserves an attempt for `email` from `source`, or 429 `rate_limited`
/// (with the seconds until the limit lifts) while a limit is reached.
pub async fn reserve(
    db: &Db,
    email: &str,
    source: Source<'_>,
    now: DateTime<Utc>,
) -> Result<Attempt, AppError> {
    let since = (now - WINDOW).timestamp();
    // The address's own limit spans every email, so it is a scope too.
    let mut tx = match source {
        Source::Untrusted { client } => {
            db.begin_write_all(&[
                WriteScope::SignIn(email),
                WriteScope::Limit("sign_in_address", client),
            ])
            .await?
        }
        Source::Device { .. } => db.begin_write(WriteScope::SignIn(email)).await?,
    };
    let limiting = match source {
        Source::Untrusted { client } => {
            let per_client = nth_newest(
                &mut tx,
                "email = $1 AND client_ip = $2 AND device_hash IS NULL",
                &[email, client],
                since,
                PER_CLIENT,
            )
            .await?;
            let per_email = nth_newest(
                &mut tx,
                "email = $1 AND device_hash IS NULL",
                &[email],
                since,
                PER_EMAIL,
            )
            .await?;
            let per_address = nth_newest(
                &mut tx,
                "client_ip = $1 AND device_hash IS NULL",
                &[client],
                since,
                PER_ADDRESS,
            )
            .await?;
            [per_client, per_email, per_address]
                .into_iter()
                .flatten()
                .max()
        }
        Source::Device { hash, .. } => {
            let oldest: Option<i64> = sqlx::query_scalar(
                "SELECT attempted_at FROM login_attempts
                 WHERE device_hash = $1 AND email = $2 AND attempted_at > $3
                 ORDER BY attempted_at DESC LIMIT 1 OFFSET $4",
            )
            .bind(hash)
            .bind(email)
            .bind(since)
            .bind(PER_DEVICE - 1)
            .fetch_optional(&mut *tx)
            .await?;
            oldest
        }
    };
    if let Some(attempted_at) = limiting {
        // The attempt whose expiry brings the count back under the limit.
        let wait = (attempted_at + WINDOW.num_seconds() - now.timestamp()).max(1);
        return Err(AppError::RateLimited {
            retry_after_secs: wait.unsigned_abs(),
        });
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO login_attempts (email, client_ip, device_hash, state, attempted_at)
         VALUES ($1, $2, $3, 'pending', $4)
         RETURNING id",
    )
    .bind(email)
    .bind(source.client())
    .bind(source.device())
    .bind(now.timestamp())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Attempt { id })
}

/// The time of the `limit`-th newest attempt since `since` matching
/// `filter` (whose `$1`, `$2`… take `args`): `Some` when the limit is
/// reached.
async fn nth_newest(
    db: &mut AnyConnection,
    filter: &str,
    args: &[&str],
    since: i64,
    limit: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let since_arg = args.len() + 1;
    let offset_arg = args.len() + 2;
    let sql = format!(
        "SELECT attempted_at FROM login_attempts
         WHERE {filter} AND attempted_at > ${since_arg}
         ORDER BY attempted_at DESC LIMIT 1 OFFSET ${offset_arg}"
    );
    let mut query = sqlx::query_scalar(&sql);
    for arg in args {
        query = query.bind(*arg);
    }
    query.bind(since).bind(limit - 1).fetch_optional(db).await
}

impl Attempt {
    /// The password was wrong: the attempt counts as a failure.
    pub async fn failed(self, db: &Db) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE login_attempts SET state = 'failed' WHERE id = $1")
            .bind(self.id)
            .execute(db.writer())
            .await?;
        Ok(())
    }

    /// The password was right: the failures of this email from this
    /// source (this client address, or this device) no longer count.
    pub async fn succeeded(
        self,
        db: &Db,
        email: &str,
        source: Source<'_>,
    ) -> Result<(), sqlx::Error> {
        let mut tx = db.begin_write(WriteScope::SignIn(email)).await?;
        sqlx::query("DELETE FROM login_attempts WHERE id = $1")
            .bind(self.id)
            .execute(&mut *tx)
            .await?;
        match source {
            Source::Untrusted { client } => {
                sqlx::query(
                    "DELETE FROM login_attempts
                     WHERE email = $1 AND client_ip = $2 AND device_hash IS NULL AND state = 'failed'",
                )
                .bind(email)
                .bind(client)
                .execute(&mut *tx)
                .await?;
            }
            Source::Device { hash, .. } => {
                sqlx::query(
                    "DELETE FROM login_attempts
                     WHERE email = $1 AND device_hash = $2 AND state = 'failed'",
                )
                .bind(email)
                .bind(hash)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await
    }

    /// No password was checked (the server was too busy, or failed):
    /// the attempt does not count.
    pub async fn not_checked(self, db: &Db) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM login_attempts WHERE id = $1")
            .bind(self.id)
            .execute(db.writer())
            .await?;
        Ok(())
    }
}

/// Removes the attempts that have left the window: how many.
pub async fn remove_expired(db: &Db, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM login_attempts WHERE attempted_at <= $1")
        .bind((now - WINDOW).timestamp())
        .execute(db.writer())
        .await?;
    Ok(result.rows_affected())
}
