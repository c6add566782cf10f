//! Resetting a forgotten password with an emailed link: a random token
//! (256 bits, stored only as its hash), single use, valid for
//! [`TOKEN_LIFETIME`]. Asking answers the same whether or not the address
//! has an account, and the email is sent after the answer, so neither the
//! answer nor its timing tells who has an account. Asking is limited per
//! email and per client address, in the database.

use super::{link_log, password_rules, reset_tokens, session, sign_out, tokens, users};
use crate::account::repo as accounts;
use crate::db::WriteScope;
use crate::error::AppError;
use crate::mail::queue::{self, NewMail};
use crate::password;
use crate::request_limit::{self, Limit, Verdict};
use crate::state::AppState;
use chrono::Duration;
use tandem_api::account::{PasswordResetRequested, PASSWORD_RESET_LINK_MINUTES};
use tandem_api::auth::User;
use tandem_api::validation;
use tandem_api::{ErrorCode, FieldError};
use url::Url;

pub const TOKEN_LIFETIME: Duration = Duration::minutes(PASSWORD_RESET_LINK_MINUTES);

/// Requests for one email address, from anywhere.
pub const PER_EMAIL: Limit = Limit {
    bucket: "password_reset_per_email",
    max: 3,
    window: Duration::hours(1),
};

/// Requests from one client address, for any email.
pub const PER_CLIENT: Limit = Limit {
    bucket: "password_reset_per_client",
    max: 10,
    window: Duration::hours(1),
};

const SUBJECT: &str = "Reset your Tandem password";

/// Emails a reset link if `raw_email` has an account; the answer is the
/// same either way. 422 for an address that is not one, 429 when a limit
/// is reached.
pub async fn request(
    state: &AppState,
    raw_email: &str,
    client: &str,
) -> Result<PasswordResetRequested, AppError> {
    let email = validation::normalize_email(raw_email).map_err(|error| {
        AppError::Validation(vec![FieldError {
            field: "email".into(),
            message: error.to_string(),
        }])
    })?;
    let now = state.clock.now();
    let hits = [(&PER_EMAIL, email.as_str()), (&PER_CLIENT, client)];
    if let Verdict::Refused { retry_after_secs } =
        request_limit::take(&state.db, &hits, now).await?
    {
        return Err(AppError::RateLimitedWith {
            retry_after_secs,
            message: format!(
                "Too many password reset requests. {}",
                request_limit::try_again_in(retry_after_secs)
            ),
        });
    }

    if let Some(user) = accounts::active_by_email(state.db.reader(), &email).await? {
        let token = tokens::generate();
        let link = link(&state.config.public_url, &token);
        let mut tx = state.db.begin_write(WriteScope::User(user.id.0)).await?;
        let row_id =
            reset_tokens::insert(&mut *tx, user.id, &token, now, now + TOKEN_LIFETIME).await?;
        // The link and its email are one change: neither exists without the other.
        let mail = NewMail::plain(
            format!("password-reset:{row_id}"),
            &user.email,
            SUBJECT,
            text(&link),
        );
        queue::enqueue(&mut *tx, &mail, now).await?;
        tx.commit().await?;
        state.mail_wake.wake();
        link_log::log_link(
            &state.config,
            &state.mailer,
            "password reset link",
            &user.email,
            &link,
        );
    }
    Ok(PasswordResetRequested::new())
}

/// Sets the new password with a usable token, ends every session of the
/// account, and starts one for this browser: the user (verified, since the
/// link proved the address) and the new session id. Unknown, used and
/// expired tokens are 400 `invalid_token`; a refused password is 422 and
/// leaves the token usable.
pub async fn confirm(
    state: &AppState,
    token: &str,
    new_password: String,
) -> Result<(User, String), AppError> {
    let token = token.trim();
    let now = state.clock.now();
    let user_id = reset_tokens::usable(state.db.reader(), token, now)
        .await?
        .ok_or_else(invalid_token)?;
    let user = users::by_id(state.db.reader(), user_id)
        .await?
        .ok_or_else(invalid_token)?;
    password_rules::check(&new_password, &user.email, &user.full_name).map_err(|message| {
        AppError::Validation(vec![FieldError {
            field: "password".into(),
            message,
        }])
    })?;
    let password_hash = password::hash_bounded(&state.password_hashing, new_password).await?;

    let mut tx = state.db.begin_write(WriteScope::User(user_id.0)).await?;
    // Used meanwhile by another request: this one loses.
    if reset_tokens::consume(&mut *tx, token, now).await? != Some(user_id) {
        return Err(invalid_token());
    }
    accounts::set_password_hash(&mut *tx, user_id, &password_hash).await?;
    users::mark_verified(&mut *tx, user_id, now).await?;
    reset_tokens::retire_all(&mut *tx, user_id, now).await?;
    sign_out::everywhere(&mut *tx, user_id).await?;
    let session_id = session::start(&mut *tx, user_id, now).await?;
    let user = users::by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AppError::internal("a reset token without its user"))?;
    tx.commit().await?;
    Ok((user, session_id))
}

fn invalid_token() -> AppError {
    AppError::Coded(
        ErrorCode::InvalidToken,
        "This password reset link is not valid: it was already used, has expired, or is incomplete. Ask for a new one.".into(),
    )
}

/// `{PUBLIC_URL}/reset-password?token=…`, under the path of `PUBLIC_URL`
/// if it has one.
pub fn link(public_url: &Url, token: &str) -> String {
    super::tokens::page_link(public_url, "/reset-password", token)
}

fn text(link: &str) -> String {
    format!(
        "Hello,\n\
         \n\
         Someone asked to reset the password of the Tandem account of this\n\
         email address. Open this link to choose a new password:\n\
         \n\
         {link}\n\
         \n\
         The link works once and expires in {PASSWORD_RESET_LINK_MINUTES} minutes. Choosing a new\n\
         password signs your account out on every device.\n\
         If you did not ask for this, you can ignore this email: your\n\
         password stays as it is.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_reset_page() {
        let root = Url::parse("https://tandem.example.com").unwrap();
        assert_eq!(
            link(&root, "abc_-1"),
            "https://tandem.example.com/reset-password?token=abc_-1"
        );
        let nested = Url::parse("http://127.0.0.1:8080/app/").unwrap();
        assert_eq!(
            link(&nested, "t"),
            "http://127.0.0.1:8080/app/reset-password?token=t"
        );
    }
}
