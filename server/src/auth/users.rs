//! Reading accounts from the `users` table.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteExecutor};
use tandem_api::auth::{Role, User};
use tandem_api::UserId;

/// The columns [`UserRow`] reads, for queries that join `users`.
pub const COLUMNS: &str = "users.id, users.email, users.full_name, users.role, users.verified_at";

#[derive(Debug, FromRow)]
pub struct UserRow {
    id: i64,
    email: String,
    full_name: String,
    role: String,
    verified_at: Option<i64>,
}

impl UserRow {
    pub fn into_user(self) -> Result<User, sqlx::Error> {
        let role = match self.role.as_str() {
            "client" => Role::Client,
            "professional" => Role::Professional,
            other => {
                return Err(sqlx::Error::Decode(
                    format!("unknown role {other:?} of user {}", self.id).into(),
                ))
            }
        };
        Ok(User {
            id: UserId(self.id),
            email: self.email,
            full_name: self.full_name,
            role,
            verified: self.verified_at.is_some(),
        })
    }
}

pub async fn by_id(db: impl SqliteExecutor<'_>, id: UserId) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE id = ?"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(UserRow::into_user)
        .transpose()
}

/// The account of a normalised email, with its password hash (never a
/// deleted account's: it has neither).
pub async fn with_password_hash(
    db: impl SqliteExecutor<'_>,
    email: &str,
) -> Result<Option<(User, String)>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
    }
    sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS}, users.password_hash FROM users WHERE email = ? AND deleted_at IS NULL"
    ))
    .bind(email)
    .fetch_optional(db)
    .await?
    .map(|row| Ok((row.user.into_user()?, row.password_hash)))
    .transpose()
}

pub async fn email_exists(db: impl SqliteExecutor<'_>, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE email = ?)")
        .bind(email)
        .fetch_one(db)
        .await
}

/// Marks the account verified (keeping the first time it was).
pub async fn mark_verified(
    db: impl SqliteExecutor<'_>,
    id: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET verified_at = COALESCE(verified_at, ?) WHERE id = ?")
        .bind(now.timestamp())
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}
