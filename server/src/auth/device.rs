//! Trusted devices (OWASP's "device cookie"): a browser that signed in to
//! an account successfully gets a random token in an HttpOnly cookie, kept
//! as its SHA-256 hash in `trusted_devices`. Sign-ins to that account from
//! that browser have their own allowance of failures (see
//! [`super::throttle`]), so strangers guessing the password elsewhere, or
//! behind the same address, cannot lock the owner out.

use super::cookies::{self, CookieName};
use super::tokens;
use crate::config::Config;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use chrono::{DateTime, Duration, Utc};
use cookie::SameSite;
use sqlx::AnyExecutor;
use tandem_api::UserId;

pub const COOKIE_NAME: &str = "tandem_device";
pub const SECURE_COOKIE_NAME: &str = "__Host-tandem_device";

const COOKIE: CookieName = CookieName {
    plain: COOKIE_NAME,
    host_only: SECURE_COOKIE_NAME,
};

/// How long a browser stays trusted after its last successful sign-in.
pub const LIFETIME: Duration = Duration::days(30);

/// The device token the request's cookie carries, if any.
pub fn token_from(config: &Config, headers: &HeaderMap) -> Option<String> {
    cookies::read(config, headers, COOKIE)
}

/// The hash of `token` if it is a live trusted device of the account with
/// this (normalised) email; `None` for any other token.
pub async fn trusted_for(
    db: impl AnyExecutor<'_>,
    token: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let hash = tokens::hash(token);
    let found: Option<Vec<u8>> = sqlx::query_scalar(
        "SELECT trusted_devices.token_hash
         FROM trusted_devices JOIN users ON users.id = trusted_devices.user_id
         WHERE trusted_devices.token_hash = $1 AND users.email = $2 AND trusted_devices.expires_at > $3",
    )
    .bind(&hash)
    .bind(email)
    .bind(now.timestamp())
    .fetch_optional(db)
    .await?;
    Ok(found)
}

/// Trusts a new device for the user: the token for its cookie.
pub async fn trust(
    db: impl AnyExecutor<'_>,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let token = tokens::generate();
    sqlx::query(
        "INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(tokens::hash(&token))
    .bind(user.0)
    .bind(now.timestamp())
    .bind((now + LIFETIME).timestamp())
    .execute(db)
    .await?;
    Ok(token)
}

/// Forgets the device of this token, if there is one.
pub async fn forget(db: impl AnyExecutor<'_>, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM trusted_devices WHERE token_hash = $1")
        .bind(tokens::hash(token))
        .execute(db)
        .await?;
    Ok(())
}

/// Removes every device whose trust has expired: how many.
pub async fn remove_expired(
    db: impl AnyExecutor<'_>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM trusted_devices WHERE expires_at <= $1")
        .bind(now.timestamp())
        .execute(db)
        .await?;
    Ok(result.rows_affected())
}

/// `Set-Cookie` for a trusted device. `SameSite=Strict`: only the app's
/// own sign-in form needs it.
pub fn set_cookie(config: &Config, token: &str) -> (HeaderName, HeaderValue) {
    cookies::set(
        config,
        COOKIE,
        SameSite::Strict,
        token,
        LIFETIME.num_seconds(),
    )
}
