//! The database: an embedded SQLite file (the default) or PostgreSQL, opened
//! from `DATABASE_URL`, with its schema brought up to date at start.
//!
//! Both engines run the same SQL through sqlx's `Any` driver: `$1`-style
//! parameters, integers, text and blobs only (every time is unix seconds,
//! UTC). Where the engines differ, the repository module asks
//! [`Db::engine`]; no handler sees SQL.
//!
//! SQLite allows one writer at a time. Rather than let concurrent writers
//! sleep in SQLite's busy handler, each process writes through **one**
//! connection ([`Db::writer`]), so its writers queue in the pool, first come
//! first served, while reads use a pool of read-only connections
//! ([`Db::reader`]). On PostgreSQL both are the same pool. The WAL is
//! written back to the file by a connection of its own
//! ([`Db::checkpoint`], run by [`crate::wal_checkpoint`]), not inside a
//! writer's commit.

use crate::config::{DatabaseConfig, DatabaseEngine};
use chrono::{DateTime, Utc};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;
use thiserror::Error;

/// How long a SQLite statement waits for another process's write before
/// failing as busy (within one process, writers queue for the writer
/// connection instead).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a request waits for a free connection before failing.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// A PostgreSQL connection that waited in the pool longer than this is
/// pinged before a request gets it (one that did not answer is replaced).
/// A busy server takes its connections back within milliseconds, so its
/// requests skip the ping's round trip; a connection that has lain idle,
/// which a database restart or a proxy may have closed meanwhile, is
/// checked as before.
pub const POSTGRES_PING_AFTER_IDLE: Duration = Duration::from_secs(1);

/// Read-only SQLite connections per process.
const SQLITE_READERS: u32 = 8;

/// WAL pages after which a SQLite commit checkpoints by itself (SQLite's
/// default is 1,000). Each process's [`crate::wal_checkpoint`] task
/// checkpoints long before that on a connection of its own, so the fsyncs
/// of a checkpoint stall no writer; this is only the fallback should that
/// task fall behind.
pub const WRITER_AUTOCHECKPOINT_PAGES: u32 = 10_000;

/// The files of `server/migrations/sqlite/`, embedded in the binary.
pub static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

/// The files of `server/migrations/postgres/`, embedded in the binary.
pub static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("migrations/postgres");

/// A transaction on either engine.
pub type Tx = Transaction<'static, Any>;

#[derive(Debug, Error)]
pub enum DbError {
    #[error("cannot create the database directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {name}: {source}")]
    Open { name: String, source: sqlx::Error },
    #[error("cannot apply the database migrations: {0}")]
    Migrate(#[from] MigrateError),
}

/// Which engine a [`Db`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// What a write transaction serializes with: every other transaction of
/// the same scope waits until it ends. On SQLite every write transaction
/// holds the one write lock anyway; on PostgreSQL this is a transaction
/// advisory lock, so writers of other scopes run side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteScope<'a> {
    /// One user's own rows (bookings held, tokens granted, account).
    User(i64),
    /// One professional's slots as a whole (adding, overlap checks).
    Slots(i64),
    /// One slot (booking it, deleting it).
    Slot(i64),
    /// One booking (cancelling it).
    Booking(i64),
    /// One call room (presence, closing).
    Room(&'a str),
    /// A request limit: one bucket and subject.
    Limit(&'a str, &'a str),
    /// Sign-in attempts for one email address.
    SignIn(&'a str),
    /// Adding the demo data (dev mode).
    DemoData,
}

impl WriteScope<'_> {
    fn key(&self) -> String {
        match self {
            Self::User(id) => format!("user:{id}"),
            Self::Slots(id) => format!("slots:{id}"),
            Self::Slot(id) => format!("slot:{id}"),
            Self::Booking(id) => format!("booking:{id}"),
            Self::Room(name) => format!("room:{name}"),
            Self::Limit(bucket, subject) => format!("limit:{bucket}:{subject}"),
            Self::SignIn(email) => format!("sign-in:{email}"),
            Self::DemoData => "demo-data".into(),
        }
    }
}

/// The open database of one process.
#[derive(Clone, Debug)]
pub struct Db {
    engine: Engine,
    reader: AnyPool,
    writer: AnyPool,
    /// SQLite only: the connection that checkpoints the WAL.
    checkpointer: Option<AnyPool>,
}

/// What one WAL checkpoint did (`PRAGMA wal_checkpoint(PASSIVE)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalCheckpoint {
    /// Pages in the WAL.
    pub wal_pages: i64,
    /// Of those, the pages now written back to the database file.
    pub checkpointed_pages: i64,
}

impl Db {
    /// Opens the database (creating a SQLite file and its directory if
    /// missing); [`Db::migrate`] brings its schema up to date.
    pub async fn open(config: &DatabaseConfig) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        match &config.engine {
            DatabaseEngine::Sqlite { path } => Self::open_sqlite(config, path).await,
            DatabaseEngine::Postgres => Self::open_postgres(config).await,
        }
    }

    async fn open_sqlite(config: &DatabaseConfig, path: &std::path::Path) -> Result<Self, DbError> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(|source| DbError::CreateDir {
                    path: dir.to_path_buf(),
                    source,
                })?;
        }
        let open_error = |source| DbError::Open {
            name: path.display().to_string(),
            source,
        };
        let options = |url: &str| AnyConnectOptions::from_str(url).map_err(open_error);
        let pragmas = format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {};",
            BUSY_TIMEOUT.as_millis()
        );
        let writer_pragmas =
            format!("{pragmas} PRAGMA wal_autocheckpoint = {WRITER_AUTOCHECKPOINT_PAGES};");
        let reader_pragmas = format!("{pragmas} PRAGMA query_only = ON;");
        let writer = sqlite_pool(1, writer_pragmas)
            .connect_with(options(&with_sqlite_mode(&config.url, "rwc"))?)
            .await
            .map_err(open_error)?;
        let reader = sqlite_pool(SQLITE_READERS, reader_pragmas)
            .connect_with(options(&with_sqlite_mode(&config.url, "rw"))?)
            .await
            .map_err(open_error)?;
        let checkpointer = sqlite_pool(1, pragmas)
            .connect_lazy_with(options(&with_sqlite_mode(&config.url, "rw"))?);
        Ok(Self {
            engine: Engine::Sqlite,
            reader,
            writer,
            checkpointer: Some(checkpointer),
        })
    }

    async fn open_postgres(config: &DatabaseConfig) -> Result<Self, DbError> {
        let open_error = |source| DbError::Open {
            name: config.redacted(),
            source,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(config.max_connections)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= POSTGRES_PING_AFTER_IDLE {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(|conn, _| {
                // Every time the server keeps is unix seconds; UTC makes
                // anything PostgreSQL prints about times agree with them.
                Box::pin(async move { conn.execute("SET TIME ZONE 'UTC'").await.map(drop) })
            })
            .connect_with(AnyConnectOptions::from_str(&config.url).map_err(open_error)?)
            .await
            .map_err(open_error)?;
        Ok(Self {
            engine: Engine::Postgres,
            reader: pool.clone(),
            writer: pool,
            checkpointer: None,
        })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Where reads outside a transaction go (read-only on SQLite).
    pub fn reader(&self) -> &AnyPool {
        &self.reader
    }

    /// Where a single write outside a transaction goes.
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// Applies the migrations that have not run yet.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATOR,
            Engine::Postgres => &POSTGRES_MIGRATOR,
        };
        migrator.run(&self.writer).await?;
        Ok(())
    }

    /// Begins a transaction for a check followed by a write that depends on
    /// it ("is the slot free?", then the booking): no other transaction of
    /// the same `scope` changes what was checked before the commit.
    ///
    /// On SQLite it takes the write lock at once (`BEGIN IMMEDIATE` on the
    /// writer connection), so it serializes with every other write; on
    /// PostgreSQL it takes a transaction advisory lock on the scope.
    ///
    /// A transaction dropped without a commit (an early return, an error, a
    /// request future dropped mid-way) is rolled back before its connection
    /// is used again.
    pub async fn begin_write(&self, scope: WriteScope<'_>) -> Result<Tx, sqlx::Error> {
        self.begin_write_all(&[scope]).await
    }

    /// [`Db::begin_write`] for a transaction that touches several scopes;
    /// the locks are taken in one order, so two such transactions cannot
    /// wait for each other.
    pub async fn begin_write_all(&self, scopes: &[WriteScope<'_>]) -> Result<Tx, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => {
                let mut keys: Vec<String> = scopes.iter().map(WriteScope::key).collect();
                keys.sort();
                keys.dedup();
                if keys.is_empty() {
                    return self.writer.begin().await;
                }
                if keys.iter().all(|key| is_plain_key(key)) {
                    // `BEGIN` and the locks in one round trip: sqlx sends a
                    // custom `BEGIN` as a simple query, which may hold
                    // several statements but takes no parameters, so the
                    // keys are written into it: only keys that cannot
                    // end or escape a string literal ever are.
                    let locks: Vec<String> = keys
                        .iter()
                        .map(|key| format!("pg_advisory_xact_lock(hashtextextended('{key}', 0))"))
                        .collect();
                    let begin = format!(
                        "BEGIN; SELECT 1 FROM (SELECT {}) AS locked",
                        locks.join(", ")
                    );
                    return self.writer.begin_with(begin).await;
                }
                let mut tx = self.writer.begin().await?;
                // All the locks in one statement, taken left to right in
                // the keys' order, so that two transactions never wait on
                // each other. The outer SELECT keeps the `void` results
                // away from the `Any` driver, which has no such type.
                let locks: Vec<String> = (1..=keys.len())
                    .map(|n| format!("pg_advisory_xact_lock(hashtextextended(${n}, 0))"))
                    .collect();
                let sql = format!("SELECT 1 FROM (SELECT {}) AS locked", locks.join(", "));
                let mut query = sqlx::query(&sql);
                for key in keys {
                    query = query.bind(key);
                }
                query.execute(&mut *tx).await?;
                Ok(tx)
            }
        }
    }

    /// Writes the SQLite WAL back to the database file as far as no reader
    /// still needs it, without waiting for or blocking writers (a passive
    /// checkpoint, on a connection of its own); `None` on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<Option<WalCheckpoint>, sqlx::Error> {
        let Some(checkpointer) = &self.checkpointer else {
            return Ok(None);
        };
        let (_busy, wal_pages, checkpointed_pages): (i64, i64, i64) =
            sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
                .fetch_one(checkpointer)
                .await?;
        Ok(Some(WalCheckpoint {
            wal_pages,
            checkpointed_pages,
        }))
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.reader)
            .await
            .map(drop)
    }

    /// Closes every connection; later queries fail.
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.close().await;
        }
    }

    pub fn is_closed(&self) -> bool {
        self.writer.is_closed()
    }
}

/// Whether a lock key may be written into SQL as a string literal as it
/// is: letters, digits and `:-_.@` only, nothing that could end or escape
/// the literal. The keys of ids always are; a key holding an email or
/// another text a user chose is bound as a parameter unless it is plain.
fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.' | '@'))
}

/// Whether PostgreSQL refused a row for an exclusion constraint (SQLSTATE
/// 23P01); SQLite has none.
pub fn is_exclusion_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .and_then(|error| error.code())
        .is_some_and(|code| code == "23P01")
}

/// A pool of at most `connections` SQLite connections, each running
/// `pragmas` when it opens.
///
/// A connection is not pinged each time it is taken from the pool (sqlx's
/// default): a SQLite connection is a file handle in this process, with no
/// server or network that could have dropped it, and the ping is one more
/// hand-off to the connection's thread, which on the one writer connection
/// every write would wait for.
fn sqlite_pool(connections: u32, pragmas: String) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .test_before_acquire(false)
        .after_connect(move |conn, _| {
            let pragmas = pragmas.clone();
            Box::pin(async move { conn.execute(pragmas.as_str()).await.map(drop) })
        })
}

/// `url` with SQLite's open `mode` set, unless the URL sets one itself.
fn with_sqlite_mode(url: &str, mode: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode={mode}")
    } else {
        format!("{url}?mode={mode}")
    }
}

/// A time as the database keeps it (unix seconds) read back as UTC; one
/// out of range is a decoding error.
pub fn utc(secs: i64) -> Result<DateTime<Utc>, sqlx::Error> {
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| sqlx::Error::Decode(format!("time out of range: {secs}").into()))
}
