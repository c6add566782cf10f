//! Reading accounts from the `users` table.

use chrono::{DateTime, Utc};
use sqlx::{AnyExecutor, FromRow};
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

pub async fn by_id(db: impl AnyExecutor<'_>, id: UserId) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(db)
        .await?
        .map(UserRow::into_user)
        .transpose()
}

/// The account of a normalised email, with its password hash (never a
/// deleted account's: it has neither).
pub async fn with_password_hash(
    db: impl AnyExecutor<'_>,
    email: &str,
) -> Result<Option<(User, String)>, sqlx::Error> {
    #[derive(FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
    }
    sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS}, users.password_hash FROM users WHERE email = $1 AND deleted_at IS NULL"
    ))
    .bind(email)
    .fetch_optional(db)
    .await?
    .map(|row| Ok((row.user.into_user()?, row.password_hash)))
    .transpose()
}

pub async fn email_exists(db: impl AnyExecutor<'_>, email: &str) -> Result<bool, sqlx::Error> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM users WHERE email = $1) THEN 1 ELSE 0 END",
    )
    .bind(email)
    .fetch_one(db)
    .await?;
    Ok(exists == 1)
}

/// Marks the account verified (keeping the first time it was).
pub async fn mark_verified(
    db: impl AnyExecutor<'_>,
    id: UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET verified_at = COALESCE(verified_at, $1) WHERE id = $2")
        .bind(now.timestamp())
        .bind(id.0)
        .execute(db)
        .await?;
    Ok(())
}

/// Inserts a new, unverified account; `None` if the email is taken (in
/// any letter case: emails are stored lower-cased).
pub async fn insert_if_new(
    db: impl AnyExecutor<'_>,
    email: &str,
    password_hash: &str,
    full_name: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, full_name, role, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING
         RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(full_name)
    .bind(role.as_str())
    .bind(now.timestamp())
    .fetch_optional(db)
    .await?;
    Ok(id.map(UserId))
}
