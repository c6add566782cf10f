//! Asking a signed-in person for their current password (to change it, or
//! to delete the account), with wrong answers limited per account so that
//! a stolen session cannot be used to guess it.

use super::repo;
use crate::error::AppError;
use crate::password;
use crate::request_limit::{self, Limit, Verdict};
use crate::state::AppState;
use chrono::Duration;
use tandem_api::{FieldError, UserId};

/// Wrong passwords per account before a pause.
pub const WRONG_ANSWERS: Limit = Limit {
    bucket: "password_check_per_account",
    max: 5,
    window: Duration::minutes(15),
};

/// `Ok` when `plain` is the account's password. A wrong one is 422 with
/// the message under `field`; after [`WRONG_ANSWERS`] of them, 429.
pub async fn verify(
    state: &AppState,
    user: UserId,
    plain: String,
    field: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let subject = user.to_string();
    if let Verdict::Refused { retry_after_secs } =
        request_limit::check(&state.db, &WRONG_ANSWERS, &subject, now).await?
    {
        return Err(AppError::RateLimitedWith {
            retry_after_secs,
            message: format!(
                "Too many wrong passwords. {}",
                request_limit::try_again_in(retry_after_secs)
            ),
        });
    }
    let stored = repo::password_hash(state.db.reader(), user)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let matches = password::verify_bounded(&state.password_hashing, plain, stored).await?;
    if matches {
        return Ok(());
    }
    request_limit::record(&state.db, &WRONG_ANSWERS, &subject, now).await?;
    Err(AppError::Validation(vec![FieldError {
        field: field.into(),
        message: "This is not your current password.".into(),
    }]))
}
