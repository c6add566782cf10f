//! Registration requests per client address: at most
//! `REGISTRATION_LIMIT_PER_HOUR` (10 by default) in any rolling hour,
//! counted in the database so that the limit holds across processes.
//! Every request counts, accepted or refused, so that the limit also
//! slows down probing which addresses have an account.

use crate::error::AppError;
use crate::request_limit::{self, Limit, Verdict};
use crate::state::AppState;
use chrono::Duration;

pub const BUCKET: &str = "register_per_client";
pub const WINDOW: Duration = Duration::hours(1);

/// Counts the request; 429 `rate_limited` once the address is at its limit.
pub async fn take(state: &AppState, client: &str) -> Result<(), AppError> {
    let limit = Limit {
        bucket: BUCKET,
        max: i64::from(state.config.registration_limit_per_hour),
        window: WINDOW,
    };
    match request_limit::take(&state.db, &[(&limit, client)], state.clock.now()).await? {
        Verdict::Allowed => Ok(()),
        Verdict::Refused { retry_after_secs } => Err(AppError::RateLimitedWith {
            retry_after_secs,
            message: format!(
                "Too many accounts were created from your network. {}",
                request_limit::try_again_in(retry_after_secs)
            ),
        }),
    }
}
