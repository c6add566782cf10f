//! The `verification_tokens` table: the hashes of emailed verification
//! links, and the limits on how often they are sent.

use super::tokens;
use super::verification::{PER_HOUR, RESEND_GAP, TOKEN_LIFETIME};
use chrono::{DateTime, Duration, Utc};
use sqlx::{AnyConnection, AnyExecutor, AnyPool};
use tandem_api::UserId;

/// Stores the token's hash unless the user had an email in the last
/// [`RESEND_GAP`] or [`PER_HOUR`] in the last hour; one statement, so two
/// requests at once cannot both slip through. Run it in a write
/// transaction of the user's scope (on PostgreSQL a read-committed
/// `INSERT … SELECT` alone would let two through). The new row's id.
pub async fn insert_within_limits(
    tx: &mut AnyConnection,
    user: UserId,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO verification_tokens (user_id, token_hash, created_at, expires_at)
         SELECT $1, $2, $3, $4
         WHERE NOT EXISTS (
             SELECT 1 FROM verification_tokens WHERE user_id = $1 AND created_at > $5
         )
         AND (SELECT COUNT(*) FROM verification_tokens WHERE user_id = $1 AND created_at > $6) < $7
         RETURNING id",
    )
    .bind(user.0)
    .bind(tokens::hash(token))
    .bind(now.timestamp())
    .bind((now + TOKEN_LIFETIME).timestamp())
    .bind((now - RESEND_GAP).timestamp())
    .bind((now - Duration::hours(1)).timestamp())
    .bind(PER_HOUR)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(id)
}

/// Seconds until [`insert_within_limits`] would accept the user's request.
pub async fn retry_after(
    db: &AnyPool,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let hour = Duration::hours(1);
    let latest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(created_at) FROM verification_tokens WHERE user_id = $1 AND created_at > $2",
    )
    .bind(user.0)
    .bind((now - RESEND_GAP).timestamp())
    .fetch_one(db)
    .await?;
    let hour_full: Option<i64> = sqlx::query_scalar(
        "SELECT created_at FROM verification_tokens
         WHERE user_id = $1 AND created_at > $2
         ORDER BY created_at DESC LIMIT 1 OFFSET $3",
    )
    .bind(user.0)
    .bind((now - hour).timestamp())
    .bind(PER_HOUR - 1)
    .fetch_optional(db)
    .await?;
    let lifts_at = [
        latest.map(|at| at + RESEND_GAP.num_seconds()),
        hour_full.map(|at| at + hour.num_seconds()),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or_default();
    Ok((lifts_at - now.timestamp()).max(1).unsigned_abs())
}

/// Takes back a link that never reached anyone.
pub async fn delete(db: impl AnyExecutor<'_>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM verification_tokens WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Uses the token if it is usable (known, unused, unexpired as of `now`
/// unix seconds): the user it verifies.
pub async fn consume(
    db: impl AnyExecutor<'_>,
    token: &str,
    now: i64,
) -> Result<Option<UserId>, sqlx::Error> {
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE verification_tokens SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id",
    )
    .bind(now)
    .bind(tokens::hash(token))
    .fetch_optional(db)
    .await?;
    Ok(user_id.map(UserId))
}

/// Makes every other link of the user useless.
pub async fn retire_all(
    db: impl AnyExecutor<'_>,
    user: UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE verification_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user.0)
    .execute(db)
    .await?;
    Ok(())
}
