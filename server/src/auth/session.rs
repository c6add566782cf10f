//! Sign-in sessions: a random id in an HttpOnly cookie, and its SHA-256
//! hash in the `sessions` table with the user and the expiry.

use super::tokens;
use super::users::{UserRow, COLUMNS};
use crate::config::Config;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use chrono::{DateTime, Duration, Utc};
use cookie::{Cookie, SameSite};
use sqlx::{FromRow, SqliteExecutor};
use tandem_api::auth::User;
use tandem_api::UserId;

pub const COOKIE_NAME: &str = "tandem_session";

/// How long a session lasts after sign-in, in the database and in the
/// cookie's `Max-Age` alike.
pub const LIFETIME: Duration = Duration::days(14);

/// Starts a session for the user: returns the id for the cookie.
pub async fn start(
    db: impl SqliteExecutor<'_>,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let id = tokens::generate();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(tokens::hash(&id))
    .bind(user.0)
    .bind(now.timestamp())
    .bind((now + LIFETIME).timestamp())
    .execute(db)
    .await?;
    Ok(id)
}

/// Ends the session, if there is one with this id.
pub async fn end(db: impl SqliteExecutor<'_>, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
        .bind(tokens::hash(id))
        .execute(db)
        .await?;
    Ok(())
}

/// The user signed in with this session id; an expired session is
/// removed and counts as none.
pub async fn user(
    db: &sqlx::SqlitePool,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Option<User>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        expires_at: i64,
    }
    let hash = tokens::hash(id);
    let row = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS}, sessions.expires_at
         FROM sessions JOIN users ON users.id = sessions.user_id
         WHERE sessions.id_hash = ?"
    ))
    .bind(&hash)
    .fetch_optional(db)
    .await?;
    match row {
        None => Ok(None),
        Some(row) if row.expires_at <= now.timestamp() => {
            sqlx::query("DELETE FROM sessions WHERE id_hash = ?")
                .bind(&hash)
                .execute(db)
                .await?;
            Ok(None)
        }
        Some(row) => row.user.into_user().map(Some),
    }
}

/// Removes the user's sessions that have expired.
pub async fn remove_expired(
    db: impl SqliteExecutor<'_>,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?")
        .bind(user.0)
        .bind(now.timestamp())
        .execute(db)
        .await?;
    Ok(())
}

/// The session id the request's cookie carries, if any.
pub fn id_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == COOKIE_NAME)
        .map(|cookie| cookie.value().to_owned())
        .filter(|id| !id.is_empty())
}

/// `Set-Cookie` for a new session.
pub fn set_cookie(config: &Config, id: &str) -> (axum::http::HeaderName, HeaderValue) {
    let max_age = cookie::time::Duration::seconds(LIFETIME.num_seconds());
    let cookie = base_cookie(config, id.to_owned()).max_age(max_age).build();
    header(cookie)
}

/// `Set-Cookie` that makes the browser forget the session.
pub fn clear_cookie(config: &Config) -> (axum::http::HeaderName, HeaderValue) {
    let mut cookie = base_cookie(config, String::new()).build();
    cookie.make_removal();
    header(cookie)
}

fn base_cookie(config: &Config, value: String) -> cookie::CookieBuilder<'static> {
    Cookie::build((COOKIE_NAME, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(config.public_url.scheme() == "https")
}

fn header(cookie: Cookie<'static>) -> (axum::http::HeaderName, HeaderValue) {
    let value = HeaderValue::from_str(&cookie.to_string())
        .expect("a cookie of a base64url value is a valid header value");
    (SET_COOKIE, value)
}
