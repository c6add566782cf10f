//! Until they verify their account, clients may hold at most
//! [`MAX_UPCOMING`] upcoming bookings, so that an account made with a
//! throw-away address cannot reserve a professional's week.

use super::repo;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use tandem_api::{ErrorCode, UserId};

/// Upcoming (not yet ended) active bookings an unverified client may hold.
pub const MAX_UPCOMING: i64 = 2;

/// 403 `not_verified` if the (unverified) client already holds
/// [`MAX_UPCOMING`] upcoming bookings.
///
/// Run it in the transaction that books, begun in the client's scope
/// ([`crate::db::Db::begin_write_all`]): concurrent bookings of one client
/// then count one after the other.
pub async fn check(
    tx: &mut AnyConnection,
    client: UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if repo::upcoming_count_of_client(&mut *tx, client, now).await? >= MAX_UPCOMING {
        return Err(AppError::Coded(
            ErrorCode::NotVerified,
            format!(
                "Please verify your account to book more than {MAX_UPCOMING} upcoming sessions: \
                 open the link in the verification email, or send a new one from the Verify page."
            ),
        ));
    }
    Ok(())
}
