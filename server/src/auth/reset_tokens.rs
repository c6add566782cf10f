//! The `password_reset_tokens` table: each emailed reset link's token,
//! stored only as its SHA-256 hash, with its expiry and when it was used.

use super::tokens;
use chrono::{DateTime, Utc};
use sqlx::AnyExecutor;
use tandem_api::UserId;

/// Stores a new token for the account, valid until `expires_at`.
pub async fn insert(
    db: impl AnyExecutor<'_>,
    user: UserId,
    token: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO password_reset_tokens (user_id, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(user.0)
    .bind(tokens::hash(token))
    .bind(now.timestamp())
    .bind(expires_at.timestamp())
    .fetch_one(db)
    .await
}

/// The account of a token that is unused and unexpired at `now`, of an
/// account that still exists; nothing is changed.
pub async fn usable(
    db: impl AnyExecutor<'_>,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, sqlx::Error> {
    let user: Option<i64> = sqlx::query_scalar(
        "SELECT password_reset_tokens.user_id
         FROM password_reset_tokens JOIN users ON users.id = password_reset_tokens.user_id
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 AND users.deleted_at IS NULL",
    )
    .bind(tokens::hash(token))
    .bind(now.timestamp())
    .fetch_optional(db)
    .await?;
    Ok(user.map(UserId))
}

/// Uses the token if it is still usable: its account. One statement, so
/// two requests with the same token cannot both succeed.
pub async fn consume(
    db: impl AnyExecutor<'_>,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, sqlx::Error> {
    let user: Option<i64> = sqlx::query_scalar(
        "UPDATE password_reset_tokens SET used_at = $1
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id",
    )
    .bind(now.timestamp())
    .bind(tokens::hash(token))
    .fetch_optional(db)
    .await?;
    Ok(user.map(UserId))
}

/// Makes every other unused token of the account useless.
pub async fn retire_all(
    db: impl AnyExecutor<'_>,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE password_reset_tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
    )
    .bind(now.timestamp())
    .bind(user.0)
    .execute(db)
    .await?;
    Ok(())
}
