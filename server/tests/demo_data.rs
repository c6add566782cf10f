use chrono::{DateTime, Duration, TimeZone, Utc};
mod common;

use tandem_api::validation::in_call_window;
use tandem_api::UserId;
use tandem_server::availability::bookable;
use tandem_server::db::Db;
use tandem_server::demo_data::{seed_demo_data, Seeded, DEMO_PASSWORD};
use tandem_server::password;
use tandem_server::profiles;

/// A fresh, migrated database (SQLite, or PostgreSQL when the suites run
/// there).
async fn fresh_db(dir: &std::path::Path) -> Db {
    common::open_database(&common::config(dir, &[])).await
}

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .single()
        .expect("valid time")
}

async fn count(pool: &Db, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(pool.writer())
        .await
        .expect("count")
}

async fn overlapping_pairs(pool: &Db) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM slots a JOIN slots b
         ON a.professional_id = b.professional_id AND a.id < b.id
         AND a.start_time < b.end_time AND b.start_time < a.end_time",
    )
    .fetch_one(pool.writer())
    .await
    .expect("overlap query")
}

async fn slots_starting_at(pool: &Db, email: &str, start: DateTime<Utc>) -> Vec<(i64, i64)> {
    sqlx::query_as(
        "SELECT s.end_time, s.price_cents FROM slots s JOIN users u ON u.id = s.professional_id
         WHERE u.email = $1 AND s.start_time = $2",
    )
    .bind(email)
    .bind(start.timestamp())
    .fetch_all(pool.writer())
    .await
    .expect("slot query")
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    let now = at(21, 7, 52);

    let first = seed_demo_data(&pool, now).await.expect("first seed");
    // Weekly hours and a profile for each professional, Maya's session
    // under way (07:47 to 08:37) and Leo's soon slot (08:00; Maya's would
    // overlap).
    assert_eq!(
        first,
        Seeded {
            users: 4,
            set_ups: 4,
            slots: 2,
            bookings: 2,
        }
    );
    let (users, slots) = (count(&pool, "users").await, count(&pool, "slots").await);

    let second = seed_demo_data(&pool, now).await.expect("second seed");
    assert_eq!(second, Seeded::default());
    assert_eq!(count(&pool, "users").await, users);
    assert_eq!(count(&pool, "slots").await, slots);
    assert_eq!(count(&pool, "bookings").await, 2);
}

#[tokio::test]
async fn demo_professionals_have_profiles_and_weekly_hours_they_can_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    let now = at(21, 7, 52);
    seed_demo_data(&pool, now).await.expect("seed");
    let mut conn = pool.reader().acquire().await.expect("connection");
    for (email, next_free) in [
        // Monday 09:00 in London; Leo's Monday 10:00 in Berlin.
        ("maya.okafor@example.com", at(23, 9, 0)),
        ("leo.brandt@example.com", at(23, 9, 0)),
    ] {
        let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_one(&mut *conn)
            .await
            .expect("demo professional");
        let id = UserId(id);
        let profile = profiles::repo::by_id(&mut conn, id)
            .await
            .expect("profile")
            .expect("a professional");
        assert!(
            !profile.headline.is_empty() && !profile.specialties.is_empty(),
            "{email}"
        );
        assert_eq!(
            bookable::next_free(&mut conn, id, now + Duration::hours(2))
                .await
                .expect("next free"),
            Some(next_free),
            "{email}"
        );
    }
    drop(conn);

    // A professional's own change survives the next start.
    let maya: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'maya.okafor@example.com'")
            .fetch_one(pool.writer())
            .await
            .expect("maya");
    sqlx::query("UPDATE profiles SET headline = 'Changed' WHERE professional_id = $1")
        .bind(maya)
        .execute(pool.writer())
        .await
        .expect("edit");
    sqlx::query("DELETE FROM weekly_hours WHERE professional_id = $1")
        .bind(maya)
        .execute(pool.writer())
        .await
        .expect("edit");
    let again = seed_demo_data(&pool, at(22, 7, 0)).await.expect("restart");
    assert_eq!(again.set_ups, 0);
    // Leo's five days; Maya's hours stay as she left them: none.
    assert_eq!(count(&pool, "weekly_hours").await, 5);
    let headline: String =
        sqlx::query_scalar("SELECT headline FROM profiles WHERE professional_id = $1")
            .bind(maya)
            .fetch_one(pool.writer())
            .await
            .expect("headline");
    assert_eq!(headline, "Changed");
}

#[tokio::test]
async fn no_two_slots_of_a_professional_overlap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    // Maya's 09:00 slot has started; her session under way (09:25 to 10:15)
    // is where her soon slot would go, Leo's 10:00 slot where his would.
    let now = at(21, 9, 30);
    seed_demo_data(&pool, now).await.expect("seed");
    assert_eq!(overlapping_pairs(&pool).await, 0);

    let soon = at(21, 9, 45);
    let under_way = at(21, 9, 25);
    assert_eq!(
        slots_starting_at(&pool, "maya.okafor@example.com", under_way).await,
        vec![((under_way + Duration::minutes(50)).timestamp(), 9_000)]
    );
    assert!(slots_starting_at(&pool, "maya.okafor@example.com", soon)
        .await
        .is_empty());
    assert_eq!(
        slots_starting_at(&pool, "leo.brandt@example.com", soon).await,
        vec![((soon + Duration::minutes(45)).timestamp(), 6_000)]
    );

    // Only the session under way has started.
    let started: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM slots WHERE start_time <= $1")
        .bind(now.timestamp())
        .fetch_one(pool.writer())
        .await
        .expect("count");
    assert_eq!(started, 1);
}

#[tokio::test]
async fn demo_accounts_have_their_roles_and_verification() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    seed_demo_data(&pool, at(21, 7, 52)).await.expect("seed");

    let users: Vec<(String, String, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT email, full_name, role, verified_at, password_hash FROM users ORDER BY id",
    )
    .fetch_all(pool.writer())
    .await
    .expect("users");
    let summary: Vec<(&str, &str, &str, bool)> = users
        .iter()
        .map(|(email, name, role, verified_at, _)| {
            (
                email.as_str(),
                name.as_str(),
                role.as_str(),
                verified_at.is_some(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "maya.okafor@example.com",
                "Dr. Maya Okafor",
                "professional",
                true
            ),
            ("leo.brandt@example.com", "Leo Brandt", "professional", true),
            ("ada@example.com", "Ada Client", "client", true),
            ("sam@example.com", "Sam Unverified", "client", false),
        ]
    );

    let (_, _, _, _, hash) = &users[0];
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert_eq!(password::verify(DEMO_PASSWORD, hash).ok(), Some(true));
    assert_eq!(password::verify("wrong password", hash).ok(), Some(false));
}

/// (client email, professional email, start, end) of the active bookings.
async fn active_bookings(pool: &Db) -> Vec<(String, String, DateTime<Utc>, DateTime<Utc>)> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT c.email, p.email, s.start_time, s.end_time
         FROM bookings b
         JOIN slots s ON s.id = b.slot_id
         JOIN users c ON c.id = b.client_id
         JOIN users p ON p.id = s.professional_id
         WHERE b.status = 'active'
         ORDER BY s.start_time, c.email",
    )
    .fetch_all(pool.writer())
    .await
    .expect("bookings");
    rows.into_iter()
        .map(|(client, pro, start, end)| {
            let time = |secs| DateTime::from_timestamp(secs, 0).expect("valid time");
            (client, pro, time(start), time(end))
        })
        .collect()
}

fn session(
    client: &str,
    professional: &str,
    start: DateTime<Utc>,
    minutes: i64,
) -> (String, String, DateTime<Utc>, DateTime<Utc>) {
    (
        client.to_owned(),
        professional.to_owned(),
        start,
        start + Duration::minutes(minutes),
    )
}

#[tokio::test]
async fn ada_is_in_a_session_and_sam_has_one_soon() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    let now = at(21, 7, 52);
    seed_demo_data(&pool, now).await.expect("seed");

    // Ada's session with Maya started five minutes ago: both can join at
    // once. Sam's starts at 08:00 and shows the verify prompt.
    let bookings = active_bookings(&pool).await;
    assert_eq!(
        bookings,
        [
            session(
                "ada@example.com",
                "maya.okafor@example.com",
                at(21, 7, 47),
                50
            ),
            session(
                "sam@example.com",
                "leo.brandt@example.com",
                at(21, 8, 0),
                45
            ),
        ]
    );
    let (_, _, start, end) = &bookings[0];
    assert!(in_call_window(*start, *end, now));
    let notes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE notes IS NOT NULL")
        .fetch_one(pool.writer())
        .await
        .expect("count");
    assert_eq!(notes, 2);

    // Restarted while those sessions are still ahead or under way: nothing new.
    for later in [at(21, 7, 58), at(21, 8, 30)] {
        let again = seed_demo_data(&pool, later).await.expect("seed again");
        assert_eq!(again.bookings, 0, "{later}");
    }
    assert_eq!(active_bookings(&pool).await, bookings);
}

#[tokio::test]
async fn a_later_start_books_the_next_soon_sessions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    seed_demo_data(&pool, at(21, 7, 52)).await.expect("seed");

    let later = seed_demo_data(&pool, at(22, 12, 10))
        .await
        .expect("next day");
    assert_eq!(later.bookings, 2);
    let bookings = active_bookings(&pool).await;
    assert_eq!(
        bookings[2..],
        [
            session(
                "ada@example.com",
                "maya.okafor@example.com",
                at(22, 12, 5),
                50
            ),
            session(
                "sam@example.com",
                "leo.brandt@example.com",
                at(22, 12, 15),
                45
            ),
        ]
    );
    let double: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT slot_id FROM bookings WHERE status = 'active'
         GROUP BY slot_id HAVING COUNT(*) > 1) AS doubles",
    )
    .fetch_one(pool.writer())
    .await
    .expect("count");
    assert_eq!(double, 0);
}

/// Ada's active sessions with Maya under way at `now`.
async fn ada_in_progress(pool: &Db, now: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    active_bookings(pool)
        .await
        .into_iter()
        .filter(|(client, pro, start, end)| {
            client == "ada@example.com"
                && pro == "maya.okafor@example.com"
                && *start <= now
                && now < *end
        })
        .map(|(_, _, start, end)| (start, end))
        .collect()
}

#[tokio::test]
async fn whenever_the_server_starts_a_session_is_under_way() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    // Restarts every 37 minutes for two days: inside Maya's slots, between
    // them, right after a session under way ended, and across midnight.
    let first = at(21, 7, 52);
    for restart in 0..78 {
        let now = first + Duration::minutes(37 * restart);
        seed_demo_data(&pool, now).await.expect("seed");
        let under_way = ada_in_progress(&pool, now).await;
        assert_eq!(under_way.len(), 1, "at {now}: {under_way:?}");
        let (start, end) = under_way[0];
        assert!(
            in_call_window(start, end, now),
            "at {now}: {start} to {end}"
        );
        if restart == 0 {
            assert_eq!(start, now - Duration::minutes(5), "a few minutes ago");
        }
        assert_eq!(overlapping_pairs(&pool).await, 0, "at {now}");
    }
    let double: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT slot_id FROM bookings WHERE status = 'active'
         GROUP BY slot_id HAVING COUNT(*) > 1) AS doubles",
    )
    .fetch_one(pool.writer())
    .await
    .expect("count");
    assert_eq!(double, 0);
}

#[tokio::test]
async fn a_free_slot_under_way_is_the_session() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = fresh_db(dir.path()).await;
    // Seeded at 07:00, then Maya published a free slot at 09:00; at 09:20
    // the session of 07:00 has ended and that slot is under way.
    seed_demo_data(&pool, at(21, 7, 0)).await.expect("seed");
    sqlx::query(
        "INSERT INTO slots (professional_id, start_time, end_time, price_cents, created_at)
         SELECT id, $1, $2, 9000, $3 FROM users WHERE email = 'maya.okafor@example.com'",
    )
    .bind(at(21, 9, 0).timestamp())
    .bind(at(21, 10, 0).timestamp())
    .bind(at(21, 7, 0).timestamp())
    .execute(pool.writer())
    .await
    .expect("a free slot");
    let again = seed_demo_data(&pool, at(21, 9, 20)).await.expect("restart");
    // Only Leo's soon slot is new: Maya's session is the slot she published.
    assert_eq!(again.slots, 1, "{again:?}");
    assert_eq!(
        ada_in_progress(&pool, at(21, 9, 20)).await,
        [(at(21, 9, 0), at(21, 10, 0))]
    );
}
