//! `tandem-server backup PATH`, the real binary against a real SQLite file
//! that another connection keeps writing to while the copy is made.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;
use tandem_server::config::parse_database;
use tandem_server::db::{self, Db};

/// Rows written before the backup starts, so that the copy takes a while.
const ROWS_BEFORE: i64 = 4000;
const PAYLOAD_BYTES: usize = 4096;

fn database_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("tandem.db").display())
}

async fn open(dir: &Path) -> Db {
    let config = parse_database(Some(database_url(dir)), None).expect("a SQLite URL");
    let db = Db::open(&config).await.expect("database opens");
    db.migrate().await.expect("migrations run");
    db
}

fn run_backup(dir: &Path, target: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem-server"))
        .current_dir(dir)
        .env_clear()
        .env("DATABASE_URL", database_url(dir))
        .arg("backup")
        .arg(target)
        .output()
        .expect("the server binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_being_written_is_copied_whole_and_consistent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = open(dir.path()).await;
    sqlx::query("CREATE TABLE backup_probe (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        .execute(pool.writer())
        .await
        .expect("table");
    let payload = "x".repeat(PAYLOAD_BYTES);
    let mut tx = pool.writer().begin().await.expect("begin");
    for n in 1..=ROWS_BEFORE {
        sqlx::query("INSERT INTO backup_probe (n, payload) VALUES ($1, $2)")
            .bind(n)
            .bind(&payload)
            .execute(&mut *tx)
            .await
            .expect("row");
    }
    tx.commit().await.expect("commit");

    // Another connection commits one row after the other until told to stop.
    let committed = Arc::new(AtomicI64::new(ROWS_BEFORE));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (pool, committed, stop) = (pool.clone(), committed.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = ROWS_BEFORE;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                sqlx::query("INSERT INTO backup_probe (n, payload) VALUES ($1, 'late')")
                    .bind(n)
                    .execute(pool.writer())
                    .await
                    .expect("a row while the backup runs");
                committed.store(n, Ordering::SeqCst);
            }
        })
    };
    while committed.load(Ordering::SeqCst) < ROWS_BEFORE + 20 {
        tokio::task::yield_now().await;
    }

    let target = dir.path().join("copy.db");
    let before = committed.load(Ordering::SeqCst);
    let output = {
        let (cwd, target) = (dir.path().to_path_buf(), target.clone());
        tokio::task::spawn_blocking(move || run_backup(&cwd, &target))
            .await
            .expect("backup ran")
    };
    let after = committed.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("writer");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("backup written to"),
        "{output:?}"
    );
    assert!(after > before, "rows were written while the backup ran");

    let mut copy = SqliteConnectOptions::new()
        .filename(&target)
        .read_only(true)
        .connect()
        .await
        .expect("the copy opens");
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut copy)
        .await
        .expect("integrity check");
    assert_eq!(integrity, "ok");
    let (rows, last): (i64, i64) = sqlx::query_as("SELECT COUNT(*), MAX(n) FROM backup_probe")
        .fetch_one(&mut copy)
        .await
        .expect("rows");
    // Everything committed before the backup began, a prefix of what came
    // during it (no gaps: one snapshot), nothing after.
    assert!(rows >= before, "{rows} rows, {before} committed before");
    assert!(rows <= after, "{rows} rows, {after} committed by the end");
    assert_eq!(rows, last, "the copy is one snapshot, without gaps");
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut copy)
        .await
        .expect("migrations");
    assert_eq!(migrations, db::SQLITE_MIGRATOR.iter().count() as i64);
    copy.close().await.expect("close");
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = run_backup(dir.path(), &dir.path().join("unused.db"));
    assert!(!source.status.success(), "no database yet");

    // A real database, and an empty file where the copy would go: SQLite
    // itself would write into an empty file.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let pool = open(dir.path()).await;
        pool.close().await;
    });
    let target = dir.path().join("taken.db");
    std::fs::write(&target, "").expect("an empty file");

    let output = run_backup(dir.path(), &target);
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("tandem-server: backup failed:") && stderr.contains("exists already"),
        "{stderr}"
    );
    assert_eq!(std::fs::metadata(&target).expect("still there").len(), 0);
}

#[test]
fn a_missing_database_is_not_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run_backup(dir.path(), &dir.path().join("copy.db"));
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("there is no database at"), "{stderr}");
    assert!(!dir.path().join("tandem.db").exists());
    assert!(!dir.path().join("copy.db").exists());
}

#[test]
fn backup_without_a_path_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_tandem-server"))
        .current_dir(dir.path())
        .env_clear()
        .arg("backup")
        .output()
        .expect("the server binary runs");
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("backup needs the path"), "{stderr}");
}

#[test]
fn a_postgresql_database_is_pointed_at_pg_dump() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_tandem-server"))
        .current_dir(dir.path())
        .env_clear()
        .env("DATABASE_URL", "postgres://tandem@127.0.0.1:1/tandem")
        .arg("backup")
        .arg(dir.path().join("copy.db"))
        .output()
        .expect("the server binary runs");
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("pg_dump --format=custom"), "{stderr}");
    assert!(!dir.path().join("copy.db").exists());
}
