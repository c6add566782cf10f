//! `tandem-server backup PATH`: a consistent copy of the live SQLite
//! database, written with SQLite's `VACUUM INTO`, which reads one snapshot
//! of the database while the server goes on writing. It never overwrites a
//! file.

use crate::config::DatabaseConfig;
use crate::db::BUSY_TIMEOUT;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BackupError {
    #[error("DATABASE_URL names a PostgreSQL database: back it up with `pg_dump --format=custom` (see the README's Backups section)")]
    NotSqlite,
    #[error("{} exists already: a backup never overwrites a file, so give a new file name", .0.display())]
    TargetExists(PathBuf),
    #[error("the backup path {} is not UTF-8 text, which SQLite needs", .0.display())]
    TargetNotUtf8(PathBuf),
    #[error("there is no database at {} (check DATABASE_URL)", .0.display())]
    NoDatabase(PathBuf),
    #[error("cannot open the database {}: {source}", path.display())]
    Open { path: PathBuf, source: sqlx::Error },
    #[error("cannot write the backup {}: {source}", path.display())]
    Write { path: PathBuf, source: sqlx::Error },
    #[error("cannot flush the backup {} to disk: {source}", path.display())]
    Sync {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes a copy of `database` to `target`, a file that must not exist
/// yet (its folder must); the copy's size in bytes.
pub async fn backup(config: &DatabaseConfig, target: &Path) -> Result<u64, BackupError> {
    let database = match config.sqlite_path() {
        Some(path) => SqliteConnectOptions::new().filename(path),
        None => return Err(BackupError::NotSqlite),
    };
    // A dangling link counts as a file too: SQLite would write through it.
    if std::fs::symlink_metadata(target).is_ok() {
        return Err(BackupError::TargetExists(target.to_path_buf()));
    }
    let target_text = target
        .to_str()
        .ok_or_else(|| BackupError::TargetNotUtf8(target.to_path_buf()))?;
    let source = database.get_filename().to_path_buf();
    if !source.exists() {
        return Err(BackupError::NoDatabase(source));
    }

    // Read-only: the copy never changes the database it reads.
    let mut connection = database
        .clone()
        .read_only(true)
        .create_if_missing(false)
        .busy_timeout(BUSY_TIMEOUT)
        .connect()
        .await
        .map_err(|source_error| BackupError::Open {
            path: source.clone(),
            source: source_error,
        })?;
    let written = sqlx::query("VACUUM INTO ?")
        .bind(target_text)
        .execute(&mut connection)
        .await
        .map_err(|source| BackupError::Write {
            path: target.to_path_buf(),
            source,
        });
    // Closing is best effort: the copy is complete once VACUUM INTO returned.
    let _ = connection.close().await;
    written?;

    let sync_error = |source| BackupError::Sync {
        path: target.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(target).map_err(sync_error)?;
    file.sync_all().map_err(sync_error)?;
    Ok(file.metadata().map_err(sync_error)?.len())
}
