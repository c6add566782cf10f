//! Ending many sessions of one account at once: after a password reset or
//! change, on "sign out everywhere", and when the account is deleted.

use super::tokens;
use sqlx::AnyExecutor;
use tandem_api::UserId;

/// Ends every session of the account.
pub async fn everywhere(db: impl AnyExecutor<'_>, user: UserId) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(result.rows_affected())
}

/// Ends every session of the account except the one with id `keep`.
pub async fn everywhere_else(
    db: impl AnyExecutor<'_>,
    user: UserId,
    keep: &str,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user.0)
        .bind(tokens::hash(keep))
        .execute(db)
        .await?;
    Ok(result.rows_affected())
}
