//! `DATABASE_URL` and `DATABASE_MAX_CONNECTIONS`: which database the
//! server opens.

use super::ConfigError;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The embedded default: a SQLite file beside the server.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/tandem.db";

/// PostgreSQL connections per process unless `DATABASE_MAX_CONNECTIONS`
/// says otherwise.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 16;

/// The database, as given by `DATABASE_URL`.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseConfig {
    /// The URL as given (it may hold a password: never print it).
    pub url: String,
    pub engine: DatabaseEngine,
    /// The most PostgreSQL connections of this process (SQLite always uses
    /// one writer and a few readers).
    pub max_connections: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseEngine {
    /// An embedded SQLite file at `path`.
    Sqlite { path: PathBuf },
    /// A PostgreSQL server.
    Postgres,
}

impl DatabaseConfig {
    /// The SQLite file, when the database is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match &self.engine {
            DatabaseEngine::Sqlite { path } => Some(path),
            DatabaseEngine::Postgres => None,
        }
    }

    /// The URL without its password, for logs and messages.
    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(mut url) if url.password().is_some() => {
                // Only fails for URLs that cannot have a password.
                let _ = url.set_password(Some("****"));
                url.to_string()
            }
            Ok(url) => url.to_string(),
            Err(_) => "(an unreadable URL)".into(),
        }
    }
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &self.redacted())
            .field("engine", &self.engine)
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

pub fn parse(
    url: Option<String>,
    max_connections: Option<String>,
) -> Result<DatabaseConfig, ConfigError> {
    let url = url.unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
    let max_connections = match max_connections {
        None => DEFAULT_MAX_CONNECTIONS,
        Some(text) => text
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or(ConfigError::DatabaseMaxConnections(text))?,
    };
    // The value itself is never repeated in a message: it may hold a
    // password.
    let engine = if let Some(rest) = url.strip_prefix("sqlite:") {
        // `SqliteConnectOptions` takes any text after an optional
        // `sqlite:` as a file name, so the scheme is checked here.
        let file = rest.trim_start_matches("//");
        if file.is_empty() || file.starts_with('?') {
            return Err(ConfigError::DatabaseUrl("it names no database file".into()));
        }
        let options = SqliteConnectOptions::from_str(&url)
            .map_err(|error| ConfigError::DatabaseUrl(error.to_string()))?;
        DatabaseEngine::Sqlite {
            path: options.get_filename().to_path_buf(),
        }
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        PgConnectOptions::from_str(&url)
            .map_err(|_| ConfigError::DatabaseUrl("it is not a valid PostgreSQL URL".into()))?;
        DatabaseEngine::Postgres
    } else {
        return Err(ConfigError::DatabaseUrl(
            "it starts with neither sqlite: nor postgres://".into(),
        ));
    };
    Ok(DatabaseConfig {
        url,
        engine,
        max_connections,
    })
}
