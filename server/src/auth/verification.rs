//! Email verification: a single-use link with a random token, stored only
//! as its hash, expiring after [`TOKEN_LIFETIME`].

use super::{tokens, users};
use crate::error::AppError;
use crate::mail::Email;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use sqlx::SqlitePool;
use tandem_api::auth::{User, VerificationSent};
use tandem_api::{ErrorCode, UserId};
use url::Url;

pub const TOKEN_LIFETIME: Duration = Duration::hours(24);
/// At most one email per this gap…
pub const RESEND_GAP: Duration = Duration::seconds(60);
/// …and at most this many per rolling hour, per user.
pub const PER_HOUR: i64 = 5;

const SUBJECT: &str = "Verify your Tandem account";

/// Emails the user a new verification link.
pub async fn send(state: &AppState, user: &User) -> Result<VerificationSent, AppError> {
    if user.verified {
        return Err(AppError::Conflict(
            ErrorCode::Conflict,
            "Your account is already verified.".into(),
        ));
    }
    let now = state.clock.now();
    let token = tokens::generate();
    let Some(row_id) = insert_within_limits(&state.db, user.id, &token, now).await? else {
        return Err(AppError::RateLimited {
            retry_after_secs: retry_after(&state.db, user.id, now).await?,
        });
    };

    let link = link(&state.config.public_url, &token);
    super::link_log::log_link(
        &state.config,
        &state.mailer,
        "verification link",
        &user.email,
        &link,
    );
    let email = Email {
        to: user
            .email
            .parse()
            .map_err(|error| AppError::internal(format!("unusable address: {error}")))?,
        subject: SUBJECT.into(),
        text: text(&link),
    };
    if let Err(error) = state.mailer.send(email).await {
        tracing::warn!(%error, "cannot send a verification email");
        // The link never reached anyone: take it back, and do not count it.
        sqlx::query("DELETE FROM verification_tokens WHERE id = ?")
            .bind(row_id)
            .execute(&state.db)
            .await?;
        return Err(AppError::Coded(
            ErrorCode::ServiceUnavailable,
            "We could not send the email, please try again.".into(),
        ));
    }
    Ok(VerificationSent {
        email: user.email.clone(),
    })
}

/// Uses the token: marks the account verified and answers it. Unknown,
/// used and expired tokens are all 400 `invalid_token`.
pub async fn confirm(state: &AppState, token: &str) -> Result<User, AppError> {
    let now = state.clock.now().timestamp();
    let mut tx = state.db.begin().await?;
    let user_id: Option<i64> = sqlx::query_scalar(
        "UPDATE verification_tokens SET used_at = ?1
         WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1
         RETURNING user_id",
    )
    .bind(now)
    .bind(tokens::hash(token.trim()))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user_id) = user_id.map(UserId) else {
        return Err(AppError::Coded(
            ErrorCode::InvalidToken,
            "This verification link is not valid: it was already used, has expired, or is incomplete. Ask for a new one.".into(),
        ));
    };
    users::mark_verified(&mut *tx, user_id, state.clock.now()).await?;
    // The account is verified: no other link of it stays usable.
    sqlx::query("UPDATE verification_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
        .bind(now)
        .bind(user_id.0)
        .execute(&mut *tx)
        .await?;
    let user = users::by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AppError::internal("a verification token without its user"))?;
    tx.commit().await?;
    Ok(user)
}

/// Stores the token's hash unless the user had an email in the last
/// [`RESEND_GAP`] or [`PER_HOUR`] in the last hour; one statement, so two
/// requests at once cannot both slip through. The new row's id.
async fn insert_within_limits(
    db: &SqlitePool,
    user: UserId,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO verification_tokens (user_id, token_hash, created_at, expires_at)
         SELECT ?1, ?2, ?3, ?4
         WHERE NOT EXISTS (
             SELECT 1 FROM verification_tokens WHERE user_id = ?1 AND created_at > ?5
         )
         AND (SELECT COUNT(*) FROM verification_tokens WHERE user_id = ?1 AND created_at > ?6) < ?7
         RETURNING id",
    )
    .bind(user.0)
    .bind(tokens::hash(token))
    .bind(now.timestamp())
    .bind((now + TOKEN_LIFETIME).timestamp())
    .bind((now - RESEND_GAP).timestamp())
    .bind((now - Duration::hours(1)).timestamp())
    .bind(PER_HOUR)
    .fetch_optional(db)
    .await
}

/// Seconds until [`insert_within_limits`] would accept the user's request.
async fn retry_after(
    db: &SqlitePool,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let hour = Duration::hours(1);
    let latest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(created_at) FROM verification_tokens WHERE user_id = ? AND created_at > ?",
    )
    .bind(user.0)
    .bind((now - RESEND_GAP).timestamp())
    .fetch_one(db)
    .await?;
    let hour_full: Option<i64> = sqlx::query_scalar(
        "SELECT created_at FROM verification_tokens
         WHERE user_id = ? AND created_at > ?
         ORDER BY created_at DESC LIMIT 1 OFFSET ?",
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

/// `{PUBLIC_URL}/verify?token=…`, under the path of `PUBLIC_URL` if it has one.
pub fn link(public_url: &Url, token: &str) -> String {
    super::tokens::page_link(public_url, "/verify", token)
}

fn text(link: &str) -> String {
    format!(
        "Hello,\n\
         \n\
         Open this link to verify the email address of your Tandem account:\n\
         \n\
         {link}\n\
         \n\
         The link works once and expires in 24 hours.\n\
         If you did not create a Tandem account, you can ignore this email.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_verify_page() {
        let root = Url::parse("https://tandem.example.com").unwrap();
        assert_eq!(
            link(&root, "abc_-1"),
            "https://tandem.example.com/verify?token=abc_-1"
        );
        let nested = Url::parse("http://127.0.0.1:8080/app/").unwrap();
        assert_eq!(
            link(&nested, "t"),
            "http://127.0.0.1:8080/app/verify?token=t"
        );
    }
}
