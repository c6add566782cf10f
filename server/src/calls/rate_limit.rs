//! At most [`CALL_TOKENS_PER_HOUR`] call tokens per user in any rolling
//! hour, counted in the `call_token_grants` table so that the limit holds
//! across server processes.

use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;
use tandem_api::validation::CALL_TOKENS_PER_HOUR;
use tandem_api::UserId;

pub const WINDOW: Duration = Duration::hours(1);

/// Records a grant for the user, unless they had [`CALL_TOKENS_PER_HOUR`]
/// within the last [`WINDOW`]: then 429 `rate_limited`, with the seconds
/// until the oldest of them leaves the window.
///
/// Run it inside a transaction that holds the write lock
/// ([`crate::db::begin_immediate`]), so that concurrent requests count one
/// after the other; refused requests are not recorded.
pub async fn take(
    db: &mut AnyConnection,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let since = (now - WINDOW).timestamp();
    sqlx::query("DELETE FROM call_token_grants WHERE user_id = $1 AND granted_at <= $2")
        .bind(user.0)
        .bind(since)
        .execute(&mut *db)
        .await?;
    // The grant whose expiry brings the count back under the limit.
    let limiting: Option<i64> = sqlx::query_scalar(
        "SELECT granted_at FROM call_token_grants
         WHERE user_id = $1 AND granted_at > $2
         ORDER BY granted_at DESC LIMIT 1 OFFSET $3",
    )
    .bind(user.0)
    .bind(since)
    .bind(i64::from(CALL_TOKENS_PER_HOUR) - 1)
    .fetch_optional(&mut *db)
    .await?;
    if let Some(granted_at) = limiting {
        let wait = (granted_at + WINDOW.num_seconds() - now.timestamp()).max(1);
        return Err(refusal(wait.unsigned_abs()));
    }
    sqlx::query("INSERT INTO call_token_grants (user_id, granted_at) VALUES ($1, $2)")
        .bind(user.0)
        .bind(now.timestamp())
        .execute(&mut *db)
        .await?;
    Ok(())
}

fn refusal(retry_after_secs: u64) -> AppError {
    let minutes = retry_after_secs.div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    AppError::RateLimitedWith {
        retry_after_secs,
        message: format!("Too many call attempts. Try again in {minutes} {unit}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(secs: u64) -> String {
        match refusal(secs) {
            AppError::RateLimitedWith { message, .. } => message,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_wait_is_rounded_up_to_minutes() {
        assert_eq!(message(1), "Too many call attempts. Try again in 1 minute.");
        assert_eq!(
            message(60),
            "Too many call attempts. Try again in 1 minute."
        );
        assert_eq!(
            message(61),
            "Too many call attempts. Try again in 2 minutes."
        );
        assert_eq!(
            message(3600),
            "Too many call attempts. Try again in 60 minutes."
        );
    }
}
