//! Profiles (`GET`/`PUT /api/profile`, `GET /api/professionals/{id}`) and
//! the directory's search, filters, order and pages.

use super::support::{assert_refused, fields, ok, utc, Person, TestApp};
use serde_json::{json, Value};
use tandem_api::availability::Availability;
use tandem_api::profiles::{DirectoryPage, ProfessionalProfile, Specialty, DIRECTORY_PAGE_SIZE};
use tandem_api::{paths, UserId};

fn profile(headline: &str, specialties: &[&str], tags: &[&str], languages: &[&str]) -> Value {
    json!({
        "headline": headline,
        "about": "I work with adults.\n\nSessions are in English or German.",
        "specialties": specialties,
        "tags": tags,
        "languages": languages,
    })
}

/// Weekly hours on one weekday in UTC, 09:00–10:00.
fn hours_on(weekday: &str) -> Value {
    json!({
        "time_zone": "UTC",
        "session_minutes": 60,
        "buffer_minutes": 0,
        "notice_hours": 0,
        "horizon_days": 30,
        "price_cents": 7000,
        "weekly_hours": [{"weekday": weekday, "ranges": [{"start": "09:00", "end": "10:00"}]}]
    })
}

async fn with_profile(app: &TestApp, name: &str, body: Value) -> Person {
    let pro = app.professional(name).await;
    let _: ProfessionalProfile = ok(app.put(paths::PROFILE, body, Some(&pro)).await).await;
    pro
}

async fn directory(app: &TestApp, viewer: &Person, query: &str) -> DirectoryPage {
    ok(app
        .get(&format!("{}{query}", paths::PROFESSIONALS), Some(viewer))
        .await)
    .await
}

fn ids(page: &DirectoryPage) -> Vec<UserId> {
    page.items.iter().map(|p| p.id).collect()
}

#[tokio::test]
async fn a_profile_is_saved_trimmed_and_shown_with_the_rules_and_next_free_time() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let mut body = profile("  Couples therapist  ", &["relationships", "anxiety"], &[" EMDR "], &["EN", "de"]);
    body["about"] = json!("First.\r\n\r\n\r\nSecond.");
    let saved: ProfessionalProfile = ok(app.put(paths::PROFILE, body, Some(&pro)).await).await;
    assert_eq!(saved.headline, "Couples therapist");
    assert_eq!(saved.about, "First.\n\nSecond.");
    assert_eq!(saved.specialties, [Specialty::Relationships, Specialty::Anxiety]);
    assert_eq!(saved.tags, ["EMDR"]);
    assert_eq!(saved.languages, ["en", "de"]);
    assert_eq!((saved.price_cents, saved.next_free), (None, None));

    let _: Availability = ok(app.put(paths::AVAILABILITY, hours_on("monday"), Some(&pro)).await).await;
    let ada = app.client("Ada Client").await;
    let seen: ProfessionalProfile = ok(app.get(&paths::professional(pro.id), Some(&ada)).await).await;
    assert_eq!(seen.full_name, "Maya Pro");
    assert_eq!(seen.headline, "Couples therapist");
    assert_eq!(
        (seen.time_zone.as_deref(), seen.session_minutes, seen.price_cents),
        (Some("UTC"), Some(60), Some(7000))
    );
    assert_eq!(seen.next_free, Some(utc(2026, 11, 23, 9, 0)));
    let own: ProfessionalProfile = ok(app.get(paths::PROFILE, Some(&pro)).await).await;
    assert_eq!(own, seen);

    assert_refused(app.get(&paths::professional(ada.id), Some(&ada)).await, 404, "not_found").await;
    assert_refused(app.get(&paths::professional(UserId(9_999)), Some(&ada)).await, 404, "not_found").await;
    assert_refused(app.put(paths::PROFILE, profile("x", &[], &[], &[]), Some(&ada)).await, 403, "forbidden").await;
}

#[tokio::test]
async fn a_bad_profile_names_each_field_and_changes_nothing() {
    let app = TestApp::new().await;
    let pro = with_profile(&app, "Maya Pro", profile("Therapist", &["grief"], &[], &["en"])).await;
    let mut bad = profile(&"x".repeat(81), &["grief", "grief"], &["a", "b", "c", "d", "e", "f"], &["xx"]);
    bad["about"] = json!("y".repeat(2_001));
    let error = assert_refused(app.put(paths::PROFILE, bad, Some(&pro)).await, 422, "validation_failed").await;
    assert_eq!(fields(&error), ["headline", "about", "specialties", "tags", "languages"]);
    let unknown = profile("Therapist", &["astrology"], &[], &[]);
    assert_eq!(app.put(paths::PROFILE, unknown, Some(&pro)).await.status(), 422);
    let kept: ProfessionalProfile = ok(app.get(paths::PROFILE, Some(&pro)).await).await;
    assert_eq!((kept.headline.as_str(), kept.specialties.as_slice()), ("Therapist", &[Specialty::Grief][..]));
}

#[tokio::test]
async fn the_directory_searches_names_headlines_and_tags_and_filters() {
    let app = TestApp::new().await;
    let maya = with_profile(&app, "Maya Okafor", profile("Couples therapist", &["relationships"], &["EMDR"], &["en", "de"])).await;
    let sam = with_profile(&app, "Sam Lee", profile("Career coach for 50% less stress", &["career_coaching"], &[], &["en"])).await;
    let noor = with_profile(&app, "Noor Haddad", profile("Family doctor", &["general_practice"], &["Kids"], &["ar", "fr"])).await;
    let ada = app.client("Ada Client").await;

    assert_eq!(ids(&directory(&app, &ada, "").await), [maya.id, noor.id, sam.id]);
    assert_eq!(ids(&directory(&app, &ada, "?q=okafor").await), [maya.id]);
    assert_eq!(ids(&directory(&app, &ada, "?q=THERAPIST").await), [maya.id]);
    assert_eq!(ids(&directory(&app, &ada, "?q=emdr").await), [maya.id]);
    assert_eq!(ids(&directory(&app, &ada, "?q=family%20doctor").await), [noor.id]);
    // Every word must match; LIKE's wildcards are plain characters.
    assert!(directory(&app, &ada, "?q=family%20coach").await.items.is_empty());
    assert_eq!(ids(&directory(&app, &ada, "?q=50%25").await), [sam.id]);
    assert!(directory(&app, &ada, "?q=%25%25%25").await.items.is_empty());
    assert_eq!(ids(&directory(&app, &ada, "?specialty=relationships").await), [maya.id]);
    assert_eq!(ids(&directory(&app, &ada, "?language=fr").await), [noor.id]);
    assert_eq!(ids(&directory(&app, &ada, "?language=en&q=coach").await), [sam.id]);
    assert!(directory(&app, &ada, "?specialty=grief").await.items.is_empty());

    let error = assert_refused(
        app.get(&format!("{}?language=xx", paths::PROFESSIONALS), Some(&ada)).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&error), ["language"]);
    assert_refused(
        app.get(&format!("{}?specialty=astrology", paths::PROFESSIONALS), Some(&ada)).await,
        400,
        "bad_request",
    )
    .await;
}

#[tokio::test]
async fn the_soonest_free_come_first_and_pages_follow_on() {
    let app = TestApp::new().await;
    let ada = app.client("Ada Client").await;
    // Wednesday's hours, then Monday's, then a one-off slot on Tuesday;
    // then professionals with no free time at all, by name.
    let wednesday = with_profile(&app, "Wen Pro", profile("", &[], &[], &[])).await;
    let _: Availability = ok(app.put(paths::AVAILABILITY, hours_on("wednesday"), Some(&wednesday)).await).await;
    let monday = with_profile(&app, "Mon Pro", profile("", &[], &[], &[])).await;
    let _: Availability = ok(app.put(paths::AVAILABILITY, hours_on("monday"), Some(&monday)).await).await;
    let tuesday = with_profile(&app, "Tue Pro", profile("", &[], &[], &[])).await;
    app.slot(&tuesday, utc(2026, 11, 24, 12, 0), 60).await;
    let mut idle = Vec::new();
    for n in 0..DIRECTORY_PAGE_SIZE {
        idle.push(app.professional(&format!("Idle {n:02}")).await);
    }

    let first = directory(&app, &ada, "").await;
    assert_eq!(first.items.len(), DIRECTORY_PAGE_SIZE);
    assert_eq!(ids(&first)[..4], [monday.id, tuesday.id, wednesday.id, idle[0].id]);
    assert_eq!(first.items[0].next_free, Some(utc(2026, 11, 23, 9, 0)));
    assert_eq!(first.items[1].next_free, Some(utc(2026, 11, 24, 12, 0)));
    assert_eq!(first.items[3].next_free, None);
    let cursor = first.next_cursor.clone().expect("a second page");
    let second = directory(&app, &ada, &format!("?cursor={cursor}")).await;
    let expected: Vec<_> = idle[DIRECTORY_PAGE_SIZE - 3..].iter().map(|p| p.id).collect();
    assert_eq!(ids(&second), expected);
    assert_eq!(second.next_cursor, None);

    // Monday's time booked: Tuesday's slot is now the soonest.
    let _ = app
        .post(
            paths::BOOKINGS,
            json!({"professional_id": monday.id, "start_time": utc(2026, 11, 23, 9, 0)}),
            Some(&ada),
        )
        .await;
    let reordered = directory(&app, &ada, "").await;
    assert_eq!(ids(&reordered)[..3], [tuesday.id, wednesday.id, monday.id]);
    assert_eq!(reordered.items[2].next_free, Some(utc(2026, 11, 30, 9, 0)));

    assert_refused(
        app.get(&format!("{}?cursor=junk", paths::PROFESSIONALS), Some(&ada)).await,
        400,
        "bad_request",
    )
    .await;
}
