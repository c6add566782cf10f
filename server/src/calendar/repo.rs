//! The table `calendar_feeds`: one secret feed address per person,
//! stored as the SHA-256 of its token.

use crate::auth::tokens;
use chrono::{DateTime, Utc};
use sqlx::AnyExecutor;
use tandem_api::UserId;

/// Makes `token` the person's feed, replacing (and so stopping) any
/// earlier one.
pub async fn replace(
    db: impl AnyExecutor<'_>,
    user: UserId,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET
             token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(user.0)
    .bind(tokens::hash(token))
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(())
}

/// When the person's current feed was made, if they have one.
pub async fn created_at(
    db: impl AnyExecutor<'_>,
    user: UserId,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let at: Option<i64> =
        sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(db)
            .await?;
    at.map(crate::db::utc).transpose()
}

/// Stops the person's feed.
pub async fn delete(db: impl AnyExecutor<'_>, user: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(())
}

/// The account whose feed `token` is, unless it was deleted.
pub async fn owner(db: impl AnyExecutor<'_>, token: &str) -> Result<Option<UserId>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT calendar_feeds.user_id FROM calendar_feeds
         JOIN users ON users.id = calendar_feeds.user_id
         WHERE calendar_feeds.token_hash = $1 AND users.deleted_at IS NULL",
    )
    .bind(tokens::hash(token))
    .fetch_optional(db)
    .await?;
    Ok(id.map(UserId))
}
