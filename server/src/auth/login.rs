//! Signing in with email and password.

use super::throttle::{self, Source};
use super::{device, session, users};
use crate::error::AppError;
use crate::password::{self, PasswordError};
use crate::state::AppState;
use std::sync::OnceLock;
use tandem_api::auth::{LoginRequest, User};
use tandem_api::validation::EMAIL_MAX_CHARS;
use tandem_api::ErrorCode;

/// A successful sign-in. (No `Debug`: it holds two secrets.)
pub struct SignedIn {
    pub user: User,
    /// For the session cookie.
    pub session_id: String,
    /// For the device cookie: this browser is now a trusted device of the
    /// account.
    pub device_token: String,
}

/// Checks the credentials (throttled per email and client, or per trusted
/// device when `device_token` is one of the account's) and starts a
/// session. An unknown email and a wrong password get the same answer,
/// after the same amount of work.
pub async fn login(
    state: &AppState,
    request: LoginRequest,
    client: &str,
    device_token: Option<&str>,
) -> Result<SignedIn, AppError> {
    let email = request.email.trim().to_lowercase();
    // No account has a longer address; the throttling key stays small.
    let key: String = email.chars().take(EMAIL_MAX_CHARS + 1).collect();
    let now = state.clock.now();
    let device = match device_token {
        Some(token) => device::trusted_for(state.db.reader(), token, &email, now).await?,
        None => None,
    };
    let source = match &device {
        Some(hash) => Source::Device { client, hash },
        None => Source::Untrusted { client },
    };
    let attempt = throttle::reserve(&state.db, &key, source, now).await?;

    let checked = check(state, &email, request.password).await;
    let user = match checked {
        Ok(Some(user)) => user,
        Ok(None) => {
            attempt.failed(&state.db).await?;
            return Err(AppError::Coded(
                ErrorCode::InvalidCredentials,
                "The email or the password is not right.".into(),
            ));
        }
        Err(error) => {
            if let Err(cleanup) = attempt.not_checked(&state.db).await {
                tracing::warn!(error = %cleanup, "a sign-in reservation stays until it expires");
            }
            return Err(error);
        }
    };
    attempt.succeeded(&state.db, &key, source).await?;
    session::remove_expired(state.db.writer(), user.id, now).await?;
    let session_id = session::start(state.db.writer(), user.id, now).await?;
    // A new token at every sign-in; the old one is no longer needed.
    if let Some(token) = device_token {
        device::forget(state.db.writer(), token).await?;
    }
    let device_token = device::trust(state.db.writer(), user.id, now).await?;
    Ok(SignedIn {
        user,
        session_id,
        device_token,
    })
}

/// The account if `password` is its password; `None` for a wrong password
/// or an unknown email (which costs the same Argon2 work, against a hash
/// nothing matches). 503 when every hashing slot stays busy.
async fn check(state: &AppState, email: &str, password: String) -> Result<Option<User>, AppError> {
    let account = users::with_password_hash(state.db.reader(), email).await?;
    let limit = &state.password_hashing;
    let matches = match &account {
        Some((_, hash)) => password::verify_bounded(limit, password, hash.clone()).await?,
        None => {
            password::run_bounded(limit, move || {
                password::verify(&password, dummy_hash()?).map(|_| false)
            })
            .await?
        }
    };
    Ok(account.filter(|_| matches).map(|(user, _)| user))
}

/// Makes the dummy hash now (it takes as long as a sign-in), so that the
/// first unknown email is not slower than the others.
pub fn prepare() {
    if let Err(error) = dummy_hash() {
        tracing::error!(%error, "cannot prepare the sign-in dummy hash");
    }
}

/// An Argon2id hash of a random password, made once per process.
fn dummy_hash() -> Result<&'static str, PasswordError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = password::hash(&super::tokens::generate())?;
    Ok(DUMMY.get_or_init(|| hash))
}
