//! Email verification: a single-use link with a random token, stored only
//! as its hash, expiring after [`TOKEN_LIFETIME`].

use super::{tokens, users, verification_tokens};
use crate::db::WriteScope;
use crate::error::AppError;
use crate::mail::queue::{self, NewMail};
use crate::state::AppState;
use chrono::Duration;
use tandem_api::auth::{User, VerificationSent};
use tandem_api::ErrorCode;
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
    let link = link(&state.config.public_url, &token);
    let mut tx = state.db.begin_write(WriteScope::User(user.id.0)).await?;
    let Some(row_id) =
        verification_tokens::insert_within_limits(&mut tx, user.id, &token, now).await?
    else {
        drop(tx);
        return Err(AppError::RateLimited {
            retry_after_secs: verification_tokens::retry_after(state.db.reader(), user.id, now)
                .await?,
        });
    };
    // The link and its email are one change: neither exists without the other.
    let mail = NewMail::plain(
        format!("verification:{row_id}"),
        &user.email,
        SUBJECT,
        text(&link),
    );
    queue::enqueue(&mut *tx, &mail, now).await?;
    tx.commit().await?;
    state.mail_wake.wake();
    super::link_log::log_link(
        &state.config,
        &state.mailer,
        "verification link",
        &user.email,
        &link,
    );
    Ok(VerificationSent {
        email: user.email.clone(),
    })
}

/// Uses the token: marks the account verified and answers it. Unknown,
/// used and expired tokens are all 400 `invalid_token`.
pub async fn confirm(state: &AppState, token: &str) -> Result<User, AppError> {
    let now = state.clock.now().timestamp();
    let mut tx = state.db.writer().begin().await?;
    let Some(user_id) = verification_tokens::consume(&mut *tx, token.trim(), now).await? else {
        return Err(AppError::Coded(
            ErrorCode::InvalidToken,
            "This verification link is not valid: it was already used, has expired, or is incomplete. Ask for a new one.".into(),
        ));
    };
    users::mark_verified(&mut *tx, user_id, state.clock.now()).await?;
    // The account is verified: no other link of it stays usable.
    verification_tokens::retire_all(&mut *tx, user_id, now).await?;
    let user = users::by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AppError::internal("a verification token without its user"))?;
    tx.commit().await?;
    Ok(user)
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
