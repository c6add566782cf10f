//! Sign-in sessions: a random id in an HttpOnly cookie, and its SHA-256
//! hash in the `sessions` table with the user, the expiry and the last
//! use (for the idle timeout).

use super::cookies::{self, CookieName};
use super::tokens;
use super::users::{UserRow, COLUMNS};
use crate::config::Config;
use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Duration, Utc};
use cookie::SameSite;
use sqlx::{AnyExecutor, FromRow};
use tandem_api::auth::User;
use tandem_api::UserId;

/// The session cookie's name over plain http.
pub const COOKIE_NAME: &str = "tandem_session";

/// Its name on an `https` `PUBLIC_URL`.
pub const SECURE_COOKIE_NAME: &str = "__Host-tandem_session";

const COOKIE: CookieName = CookieName {
    plain: COOKIE_NAME,
    host_only: SECURE_COOKIE_NAME,
};

/// How long a session lasts after sign-in, in the database and in the
/// cookie's `Max-Age` alike.
pub const LIFETIME: Duration = Duration::days(14);

/// How stale a session's `last_seen_at` may get before a request writes
/// it again: at most one write a minute per session.
pub const LAST_SEEN_RESOLUTION: Duration = Duration::minutes(1);

/// Starts a session for the user: returns the id for the cookie.
pub async fn start(
    db: impl AnyExecutor<'_>,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let id = tokens::generate();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(tokens::hash(&id))
    .bind(user.0)
    .bind(now.timestamp())
    .bind((now + LIFETIME).timestamp())
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(id)
}

/// Ends the session, if there is one with this id.
pub async fn end(db: impl AnyExecutor<'_>, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(tokens::hash(id))
        .execute(db)
        .await?;
    Ok(())
}

/// The user signed in with this session id. A session past its
/// [`LIFETIME`], or unused for `idle_timeout`, is removed and counts as
/// none; a live one is marked as used now (written at most once per
/// [`LAST_SEEN_RESOLUTION`]).
pub async fn user(
    db: &crate::db::Db,
    id: &str,
    now: DateTime<Utc>,
    idle_timeout: Duration,
) -> Result<Option<User>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        expires_at: i64,
        last_seen_at: i64,
    }
    let hash = tokens::hash(id);
    let row = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS}, sessions.expires_at, sessions.last_seen_at
         FROM sessions JOIN users ON users.id = sessions.user_id
         WHERE sessions.id_hash = $1"
    ))
    .bind(&hash)
    .fetch_optional(db.reader())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let idle_since = (now - idle_timeout).timestamp();
    if row.expires_at <= now.timestamp() || row.last_seen_at <= idle_since {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(&hash)
            .execute(db.writer())
            .await?;
        return Ok(None);
    }
    let stale = (now - LAST_SEEN_RESOLUTION).timestamp();
    if row.last_seen_at <= stale {
        // Conditional, so that concurrent requests write it once.
        sqlx::query(
            "UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at <= $3",
        )
        .bind(now.timestamp())
        .bind(&hash)
        .bind(stale)
        .execute(db.writer())
        .await?;
    }
    row.user.into_user().map(Some)
}

/// Removes every session that is past its lifetime or has been idle for
/// `idle_timeout`: how many.
pub async fn remove_all_expired(
    db: impl AnyExecutor<'_>,
    now: DateTime<Utc>,
    idle_timeout: Duration,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now.timestamp())
        .bind((now - idle_timeout).timestamp())
        .execute(db)
        .await?;
    Ok(result.rows_affected())
}

/// Removes the user's sessions that have expired.
pub async fn remove_expired(
    db: impl AnyExecutor<'_>,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
        .bind(user.0)
        .bind(now.timestamp())
        .execute(db)
        .await?;
    Ok(())
}

/// The session id the request's cookie carries, if any (under the name
/// this configuration uses).
pub fn id_from(config: &Config, headers: &HeaderMap) -> Option<String> {
    cookies::read(config, headers, COOKIE)
}

/// The session cookie's name under this configuration.
pub fn cookie_name(config: &Config) -> &'static str {
    COOKIE.for_config(config)
}

/// `Set-Cookie` for a new session.
pub fn set_cookie(config: &Config, id: &str) -> (axum::http::HeaderName, HeaderValue) {
    cookies::set(config, COOKIE, SameSite::Lax, id, LIFETIME.num_seconds())
}

/// `Set-Cookie` that makes the browser forget the session.
pub fn clear_cookie(config: &Config) -> (axum::http::HeaderName, HeaderValue) {
    cookies::clear(config, COOKIE, SameSite::Lax)
}

/// The idle timeout of the configuration, as the session code counts time.
pub fn idle_timeout(config: &Config) -> Duration {
    Duration::from_std(config.session_idle_timeout).unwrap_or(LIFETIME)
}
