//! Opening the SQLite database and bringing its schema up to date.

use chrono::{DateTime, Utc};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::PathBuf;
use std::time::Duration;
use thiserror::Error;

/// How long a statement waits for another writer before failing as busy.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The files of `server/migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!();

#[derive(Debug, Error)]
pub enum DbError {
    #[error("cannot create the database directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {}: {source}", path.display())]
    Open { path: PathBuf, source: sqlx::Error },
    #[error("cannot apply the database migrations: {0}")]
    Migrate(#[from] MigrateError),
}

/// Opens (creating it and its directory if missing) the database in WAL
/// mode with foreign keys enforced.
pub async fn open(options: &SqliteConnectOptions) -> Result<SqlitePool, DbError> {
    let path = options.get_filename().to_path_buf();
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|source| DbError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
    }
    let options = options
        .clone()
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(|source| DbError::Open { path, source })
}

/// Applies the migrations that have not run yet.
pub async fn migrate(pool: &SqlitePool) -> Result<(), DbError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}

/// Begins a transaction that takes SQLite's write lock at once
/// (`BEGIN IMMEDIATE`), for a check followed by a write that depends on it
/// ("is the slot free?", then the booking). Concurrent writers queue for
/// the lock (up to [`BUSY_TIMEOUT`]) instead of reading first and failing
/// when they try to write, and no other writer can change what was checked
/// before the commit.
///
/// A transaction that is dropped without a commit (an early return, an
/// error, a request future dropped mid-way) is rolled back before its
/// connection is used again, so no connection goes back to the pool in the
/// middle of a transaction.
pub async fn begin_immediate(
    pool: &SqlitePool,
) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// A time as the database keeps it (unix seconds) read back as UTC; one
/// out of range is a decoding error.
pub fn utc(secs: i64) -> Result<DateTime<Utc>, sqlx::Error> {
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| sqlx::Error::Decode(format!("time out of range: {secs}").into()))
}
