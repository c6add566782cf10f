use axum::http::StatusCode;
use axum::response::IntoResponse;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::time::Duration;
use tandem_api::ErrorCode;
use tandem_server::config::DatabaseConfig;
use tandem_server::db::Db;
use tandem_server::AppError;

fn options(dir: &std::path::Path) -> SqliteConnectOptions {
    // A directory that does not exist yet.
    let url = format!(
        "sqlite://{}",
        dir.join("nested").join("data").join("t.db").display()
    );
    url.parse().expect("valid sqlite url")
}

fn config(dir: &std::path::Path) -> DatabaseConfig {
    let url = format!(
        "sqlite://{}",
        dir.join("nested").join("data").join("t.db").display()
    );
    tandem_server::config::parse_database(Some(url), None).expect("valid sqlite url")
}

async fn migrated(dir: &std::path::Path) -> Db {
    let db = Db::open(&config(dir)).await.expect("database opens");
    db.migrate().await.expect("migrations run");
    db
}

#[tokio::test]
async fn migrations_run_on_a_fresh_file_in_wal_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = migrated(dir.path()).await;
    assert!(options(dir.path()).get_filename().is_file());

    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool.writer())
        .await
        .expect("journal mode");
    assert_eq!(journal, "wal");
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool.writer())
        .await
        .expect("foreign keys");
    assert_eq!(foreign_keys, 1);

    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name",
    )
    .fetch_all(pool.writer())
    .await
    .expect("tables");
    assert_eq!(
        tables,
        [
            "availability_overrides",
            "availability_rules",
            "bookings",
            "calendar_feeds",
            "call_participants",
            "call_rooms",
            "call_token_grants",
            "livekit_webhook_events",
            "login_attempts",
            "outgoing_mail",
            "override_ranges",
            "password_reset_tokens",
            "profile_terms",
            "profiles",
            "request_limit_hits",
            "sessions",
            "slots",
            "trusted_devices",
            "unsubscribe_tokens",
            "users",
            "verification_tokens",
            "weekly_hours",
        ]
    );

    // Running them again is a no-op.
    pool.migrate().await.expect("migrations are idempotent");
}

/// A file made before weekly hours existed (migrations up to 0007), with
/// a booked slot, upgraded in place: the rebuilt slots table keeps the
/// slot, the booking still refers to it, and a released slot no longer
/// blocks its start time.
#[tokio::test]
async fn the_slots_rebuild_keeps_existing_slots_and_bookings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&config(dir.path())).await.expect("database opens");
    let old = tempfile::tempdir().expect("temp dir");
    let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    for entry in std::fs::read_dir(&all).expect("migrations") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if name.as_bytes().first().is_some_and(|c| c.is_ascii_digit()) && name < "0008" {
            std::fs::copy(&path, old.path().join(name)).expect("copy");
        }
    }
    let before = sqlx::migrate::Migrator::new(old.path())
        .await
        .expect("migrations 1 to 7");
    assert_eq!(before.iter().count(), 7);
    before
        .run(db.writer())
        .await
        .expect("migrations 1 to 7 run");
    for statement in [
        "INSERT INTO users (id, email, password_hash, full_name, role, created_at)
         VALUES (1, 'pro@example.com', 'x', 'Pro', 'professional', 0),
                (2, 'client@example.com', 'x', 'Client', 'client', 0)",
        "INSERT INTO slots (id, professional_id, start_time, end_time, price_cents, created_at)
         VALUES (10, 1, 3600, 7200, 5000, 0)",
        "INSERT INTO bookings (id, slot_id, client_id, status, created_at)
         VALUES (20, 10, 2, 'active', 0)",
    ] {
        sqlx::query(statement)
            .execute(db.writer())
            .await
            .expect("old rows insert");
    }
    db.migrate().await.expect("the upgrade runs");

    let slot: (i64, i64, String, Option<i64>) = sqlx::query_as(
        "SELECT slots.id, slots.start_time, slots.origin, slots.released_at
         FROM bookings JOIN slots ON slots.id = bookings.slot_id WHERE bookings.id = 20",
    )
    .fetch_one(db.writer())
    .await
    .expect("the booking still finds its slot");
    assert_eq!(slot, (10, 3600, "one_off".to_owned(), None));
    let broken: Vec<(String, i64, String, i64)> = sqlx::query_as("PRAGMA foreign_key_check")
        .fetch_all(db.writer())
        .await
        .expect("foreign key check");
    assert!(broken.is_empty(), "{broken:?}");
    let references: String = sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'bookings'",
    )
    .fetch_one(db.writer())
    .await
    .expect("the bookings table");
    assert!(references.contains("REFERENCES slots"), "{references}");

    // A second unreleased slot at the same start is refused; a released
    // one at that start is not.
    let same_start = "INSERT INTO slots (professional_id, start_time, end_time, price_cents,
                          created_at, origin, released_at)
                      VALUES (1, 3600, 7200, 5000, 0, 'weekly_hours', $1)";
    assert!(sqlx::query(same_start)
        .bind(None::<i64>)
        .execute(db.writer())
        .await
        .is_err());
    sqlx::query(same_start)
        .bind(Some(100_i64))
        .execute(db.writer())
        .await
        .expect("a released slot holds no time");
}

#[tokio::test]
async fn the_schema_refuses_bad_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = migrated(dir.path()).await;
    let insert_user = |email: &'static str, role: &'static str| {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, password_hash, full_name, role, created_at)
             VALUES ($1, 'x', 'Name', $2, 0) RETURNING id",
        )
        .bind(email)
        .bind(role)
    };
    let id = insert_user("pro@example.com", "professional")
        .fetch_one(pool.writer())
        .await
        .expect("valid user");
    assert!(insert_user("PRO@example.com", "professional")
        .fetch_one(pool.writer())
        .await
        .is_err());
    assert!(insert_user("admin@example.com", "admin")
        .fetch_one(pool.writer())
        .await
        .is_err());
    assert!(insert_user("pro@example.com", "client")
        .fetch_one(pool.writer())
        .await
        .is_err());

    let insert_slot = |professional: i64, start: i64, end: i64, price: i64| {
        sqlx::query(
            "INSERT INTO slots (professional_id, start_time, end_time, price_cents, created_at)
             VALUES ($1, $2, $3, $4, 0)",
        )
        .bind(professional)
        .bind(start)
        .bind(end)
        .bind(price)
    };
    insert_slot(id, 3600, 7200, 6000)
        .execute(pool.writer())
        .await
        .expect("valid slot");
    for (professional, start, end, price) in [
        (id, 3600, 5400, 6000),       // same start
        (id, 9000, 9000, 6000),       // ends when it starts
        (id, 9000, 12600, 99),        // under $1
        (id, 9000, 12600, 25_001),    // over $250
        (id + 99, 9000, 12600, 6000), // no such professional
    ] {
        assert!(
            insert_slot(professional, start, end, price)
                .execute(pool.writer())
                .await
                .is_err(),
            "{professional} {start} {end} {price}"
        );
    }
}

#[tokio::test]
async fn a_slot_has_at_most_one_active_booking_and_keeps_its_bookings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = migrated(dir.path()).await;
    let insert_user = |email: &'static str, role: &'static str| {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, password_hash, full_name, role, created_at)
             VALUES ($1, 'x', 'Name', $2, 0) RETURNING id",
        )
        .bind(email)
        .bind(role)
    };
    let pro = insert_user("pro@example.com", "professional")
        .fetch_one(pool.writer())
        .await
        .expect("professional");
    let client = insert_user("client@example.com", "client")
        .fetch_one(pool.writer())
        .await
        .expect("client");
    let slot: i64 = sqlx::query_scalar(
        "INSERT INTO slots (professional_id, start_time, end_time, price_cents, created_at)
         VALUES ($1, 3600, 7200, 6000, 0) RETURNING id",
    )
    .bind(pro)
    .fetch_one(pool.writer())
    .await
    .expect("slot");
    let book = || {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO bookings (slot_id, client_id, status, created_at) VALUES ($1, $2, 'active', 0)
             RETURNING id",
        )
        .bind(slot)
        .bind(client)
    };

    let first = book()
        .fetch_one(pool.writer())
        .await
        .expect("first booking");
    let error = book()
        .fetch_one(pool.writer())
        .await
        .expect_err("a second active booking");
    assert!(
        error
            .as_database_error()
            .is_some_and(|e| e.is_unique_violation()),
        "{error}"
    );

    // Cancelled needs its time and author, and frees the slot.
    let cancel = |at: Option<i64>, by: Option<i64>| {
        sqlx::query("UPDATE bookings SET status = 'cancelled', cancelled_at = $1, cancelled_by = $2 WHERE id = $3")
            .bind(at)
            .bind(by)
            .bind(first)
    };
    assert!(cancel(None, None).execute(pool.writer()).await.is_err());
    assert!(cancel(Some(10), None).execute(pool.writer()).await.is_err());
    cancel(Some(10), Some(client))
        .execute(pool.writer())
        .await
        .expect("cancelled");
    book().fetch_one(pool.writer()).await.expect("booked again");

    for bad in [
        "INSERT INTO bookings (slot_id, client_id, status, created_at) VALUES ($1, $2, 'pending', 0)",
        "INSERT INTO bookings (slot_id, client_id, status, notes, created_at) VALUES ($1, $2, 'cancelled', 'x', 0)",
    ] {
        assert!(
            sqlx::query(bad).bind(slot).bind(client).execute(pool.writer()).await.is_err(),
            "{bad}"
        );
    }

    // A slot that bookings refer to stays.
    assert!(sqlx::query("DELETE FROM slots WHERE id = $1")
        .bind(slot)
        .execute(pool.writer())
        .await
        .is_err());
}

#[tokio::test]
async fn a_locked_database_answers_503_service_unavailable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = migrated(dir.path()).await;

    let mut writer = pool.writer().acquire().await.expect("connection");
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *writer)
        .await
        .expect("write lock");

    let mut impatient = options(dir.path())
        .busy_timeout(Duration::ZERO)
        .connect()
        .await
        .expect("second connection");
    let error = sqlx::query("INSERT INTO users (email, password_hash, full_name, role, created_at) VALUES ('a@example.com', 'x', 'A', 'client', 0)")
        .execute(&mut impatient)
        .await
        .expect_err("the database is locked");

    let error = AppError::from(error);
    assert_eq!(error.code(), ErrorCode::ServiceUnavailable);
    let response = error.into_response();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);

    sqlx::query("ROLLBACK")
        .execute(&mut *writer)
        .await
        .expect("rollback");
    impatient.close().await.expect("close");
}

#[tokio::test]
async fn other_database_errors_are_internal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = migrated(dir.path()).await;
    let error = sqlx::query("SELECT * FROM no_such_table")
        .execute(pool.writer())
        .await
        .expect_err("no such table");
    let error = AppError::from(error);
    assert_eq!(error.code(), ErrorCode::Internal);
    assert_eq!(
        error.into_response().status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
}

/// Fills the WAL with about `pages` pages in one commit on the writer.
async fn fill_wal(db: &Db, pages: i64) {
    sqlx::query("CREATE TABLE IF NOT EXISTS filler (payload BLOB NOT NULL)")
        .execute(db.writer())
        .await
        .expect("filler table");
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
         INSERT INTO filler (payload) SELECT zeroblob(4000) FROM n",
    )
    .bind(pages)
    .execute(db.writer())
    .await
    .expect("filler rows");
}

fn data_file_len(dir: &std::path::Path) -> u64 {
    std::fs::metadata(options(dir).get_filename())
        .expect("database file")
        .len()
}

#[tokio::test]
async fn a_commit_leaves_the_wal_to_the_checkpointer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = migrated(dir.path()).await;
    fill_wal(&db, 1_500).await;
    // The writer did not write the WAL back itself, as it would past
    // SQLite's default of 1,000 pages.
    let before = data_file_len(dir.path());
    assert!(before < 1_000 * 4096, "the data file is {before} bytes");

    let checkpoint = db
        .checkpoint()
        .await
        .expect("checkpoint")
        .expect("SQLite checkpoints");
    assert!(checkpoint.wal_pages >= 1_500, "{checkpoint:?}");
    assert_eq!(checkpoint.checkpointed_pages, checkpoint.wal_pages);
    assert!(data_file_len(dir.path()) >= 1_500 * 4000);
}

#[tokio::test]
async fn every_process_checkpoints_in_the_background() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = migrated(dir.path()).await;
    let task = tandem_server::wal_checkpoint::spawn(db.clone()).expect("a task on SQLite");
    fill_wal(&db, 1_500).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while data_file_len(dir.path()) < 1_500 * 4000 {
        assert!(
            std::time::Instant::now() < deadline,
            "the WAL was not written back within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    task.abort();
}
