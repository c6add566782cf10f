//! Signing in with email and password.

use super::{session, throttle, users};
use crate::error::AppError;
use crate::password::{self, PasswordError};
use crate::state::AppState;
use std::sync::OnceLock;
use tandem_api::auth::{LoginRequest, User};
use tandem_api::validation::EMAIL_MAX_CHARS;
use tandem_api::ErrorCode;

/// Checks the credentials (throttled per email and client) and starts a
/// session: the user and the new session id. An unknown email and a wrong
/// password get the same answer, after the same amount of work.
pub async fn login(
    state: &AppState,
    request: LoginRequest,
    client: &str,
) -> Result<(User, String), AppError> {
    let email = request.email.trim().to_lowercase();
    // No account has a longer address; the throttling key stays small.
    let key: String = email.chars().take(EMAIL_MAX_CHARS + 1).collect();
    let now = state.clock.now();
    throttle::check(&state.db, &key, client, now).await?;

    let account = users::with_password_hash(&state.db, &email).await?;
    let stored = account.as_ref().map(|(_, hash)| hash.clone());
    let plain = request.password;
    let matches = tokio::task::spawn_blocking(move || match stored {
        Some(hash) => password::verify(&plain, &hash),
        // Unknown email: the same Argon2 work, against a hash nothing matches.
        None => password::verify(&plain, dummy_hash()?).map(|_| false),
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)?;

    let user = match account {
        Some((user, _)) if matches => user,
        _ => {
            throttle::record_failure(&state.db, &key, client, now).await?;
            return Err(AppError::Coded(
                ErrorCode::InvalidCredentials,
                "The email or the password is not right.".into(),
            ));
        }
    };
    throttle::clear(&state.db, &key, client).await?;
    session::remove_expired(&state.db, user.id, now).await?;
    let session_id = session::start(&state.db, user.id, now).await?;
    Ok((user, session_id))
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
