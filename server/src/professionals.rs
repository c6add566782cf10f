//! The professionals clients can book.

use sqlx::AnyExecutor;
use tandem_api::auth::Professional;
use tandem_api::UserId;

/// Every professional whose account was not deleted, by name.
pub async fn list(db: impl AnyExecutor<'_>) -> Result<Vec<Professional>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, full_name FROM users WHERE role = 'professional' AND deleted_at IS NULL
         ORDER BY lower(full_name), id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, full_name)| Professional {
            id: UserId(id),
            full_name,
        })
        .collect())
}

/// Whether `id` is a professional's account that was not deleted.
pub async fn exists(db: impl AnyExecutor<'_>, id: UserId) -> Result<bool, sqlx::Error> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN EXISTS (
             SELECT 1 FROM users WHERE id = $1 AND role = 'professional' AND deleted_at IS NULL
         ) THEN 1 ELSE 0 END",
    )
    .bind(id.0)
    .fetch_one(db)
    .await?;
    Ok(exists == 1)
}
