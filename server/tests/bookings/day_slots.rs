//! `GET /api/professionals/{id}/slots?date=…&tz=…`: a day as the viewer
//! sees it in their time zone.

use super::support::{assert_refused, fields, ok, utc, Person, TestApp};
use chrono::{DateTime, Duration, Utc};
use tandem_api::availability::{BookableTime, BookingTarget, TimeSource};
use tandem_api::{paths, SlotId, UserId};

fn day_path(professional: UserId, date: &str, tz: &str) -> String {
    format!(
        "{}?date={date}&tz={tz}",
        paths::professional_slots(professional)
    )
}

/// The slot a listed time books (every time here is a one-off slot).
fn slot_id(time: &BookableTime) -> SlotId {
    match time.book {
        BookingTarget::Slot { slot_id } => slot_id,
        other => panic!("a one-off slot was expected, not {other:?}"),
    }
}

/// The start times listed for that day.
async fn starts(
    app: &TestApp,
    viewer: &Person,
    professional: &Person,
    date: &str,
    tz: &str,
) -> Vec<DateTime<Utc>> {
    let slots: Vec<BookableTime> = ok(app
        .get(&day_path(professional.id, date, tz), Some(viewer))
        .await)
    .await;
    slots.iter().map(|slot| slot.start_time).collect()
}

#[tokio::test]
async fn a_late_utc_slot_is_the_next_day_in_berlin_and_the_same_day_in_new_york() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let late = utc(2026, 11, 25, 23, 30);
    app.slot(&pro, late, 60).await;

    assert_eq!(
        starts(&app, &ada, &pro, "2026-11-26", "Europe/Berlin").await,
        [late]
    );
    assert!(starts(&app, &ada, &pro, "2026-11-25", "Europe/Berlin")
        .await
        .is_empty());
    assert_eq!(
        starts(&app, &ada, &pro, "2026-11-25", "America/New_York").await,
        [late]
    );
    assert!(starts(&app, &ada, &pro, "2026-11-26", "America/New_York")
        .await
        .is_empty());
    assert_eq!(starts(&app, &ada, &pro, "2026-11-25", "UTC").await, [late]);
}

#[tokio::test]
async fn the_23_hour_spring_forward_day_in_berlin_has_exactly_its_slots() {
    let app = TestApp::at(utc(2026, 3, 1, 9, 0)).await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    // Local 23:45 on the 28th, 00:00 and 23:30 (summer time) on the 29th,
    // 00:00 on the 30th.
    let before = utc(2026, 3, 28, 22, 45);
    let first = utc(2026, 3, 28, 23, 0);
    let last = utc(2026, 3, 29, 21, 30);
    let next_day = utc(2026, 3, 29, 22, 0);
    for start in [before, first, last, next_day] {
        app.slot(&pro, start, 15).await;
    }

    assert_eq!(
        starts(&app, &ada, &pro, "2026-03-29", "Europe/Berlin").await,
        [first, last]
    );
    assert_eq!(
        starts(&app, &ada, &pro, "2026-03-28", "Europe/Berlin").await,
        [before]
    );
    assert_eq!(
        starts(&app, &ada, &pro, "2026-03-30", "Europe/Berlin").await,
        [next_day]
    );
}

#[tokio::test]
async fn the_25_hour_fall_back_day_in_new_york_has_exactly_its_slots() {
    let app = TestApp::at(utc(2026, 10, 1, 9, 0)).await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    // Local 23:45 EDT on Oct 31, 00:00 EDT and 23:30 EST on Nov 1, 00:00 EST on Nov 2.
    let before = utc(2026, 11, 1, 3, 45);
    let first = utc(2026, 11, 1, 4, 0);
    let last = utc(2026, 11, 2, 4, 30);
    let next_day = utc(2026, 11, 2, 5, 0);
    for start in [before, first, last, next_day] {
        app.slot(&pro, start, 15).await;
    }

    assert_eq!(
        starts(&app, &ada, &pro, "2026-11-01", "America/New_York").await,
        [first, last]
    );
    assert_eq!(
        starts(&app, &ada, &pro, "2026-10-31", "America/New_York").await,
        [before]
    );
    assert_eq!(
        starts(&app, &ada, &pro, "2026-11-02", "America/New_York").await,
        [next_day]
    );
}

#[tokio::test]
async fn a_day_without_midnight_starts_when_the_clocks_jump() {
    let app = TestApp::at(utc(2026, 3, 1, 9, 0)).await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    // Havana skips from 00:00 to 01:00 on 2026-03-08 (05:00 UTC): 04:45 UTC
    // is 23:45 on the 7th.
    let before = utc(2026, 3, 8, 4, 45);
    let first = utc(2026, 3, 8, 5, 0);
    for start in [before, first] {
        app.slot(&pro, start, 15).await;
    }
    assert_eq!(
        starts(&app, &ada, &pro, "2026-03-08", "America/Havana").await,
        [first]
    );
    assert_eq!(
        starts(&app, &ada, &pro, "2026-03-07", "America/Havana").await,
        [before]
    );
}

#[tokio::test]
async fn booked_slots_say_so_and_started_ones_are_left_out() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let now = app.now();
    let soon = app.slot(&pro, now + Duration::minutes(30), 30).await;
    let later = app.slot(&pro, now + Duration::hours(2), 60).await;
    let evening = app.slot(&pro, now + Duration::hours(5), 60).await;
    app.book(&ada, later.id).await;

    let path = day_path(pro.id, "2026-11-21", "UTC");
    let slots: Vec<BookableTime> = ok(app.get(&path, Some(&ada)).await).await;
    let seen: Vec<_> = slots.iter().map(|s| (slot_id(s), s.is_booked)).collect();
    assert_eq!(
        seen,
        [(soon.id, false), (later.id, true), (evening.id, false)]
    );
    assert!(slots.iter().all(|s| s.source == TimeSource::OneOff));

    // The first has started, the second is still to come.
    app.advance(Duration::minutes(31));
    let slots: Vec<BookableTime> = ok(app.get(&path, Some(&ada)).await).await;
    let ids: Vec<_> = slots.iter().map(slot_id).collect();
    assert_eq!(ids, [later.id, evening.id]);
    // Starting right now counts as started.
    app.advance(Duration::hours(2) - Duration::minutes(31));
    let slots: Vec<BookableTime> = ok(app.get(&path, Some(&ada)).await).await;
    let ids: Vec<_> = slots.iter().map(slot_id).collect();
    assert_eq!(ids, [evening.id]);
}

#[tokio::test]
async fn an_unknown_time_zone_is_refused_on_tz() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    for tz in ["Mars/Olympus_Mons", "CEST", "Berlin", ""] {
        let response = app
            .get(&day_path(pro.id, "2026-11-21", tz), Some(&ada))
            .await;
        let error = assert_refused(response, 422, "validation_failed").await;
        assert_eq!(fields(&error), ["tz"], "{tz:?}");
    }
}

#[tokio::test]
async fn unknown_professionals_are_not_found() {
    let app = TestApp::new().await;
    let ada = app.client("Ada Client").await;
    let other = app.client("Other Client").await;
    for id in [UserId(9_999), other.id, ada.id] {
        let response = app
            .get(&day_path(id, "2026-11-21", "UTC"), Some(&ada))
            .await;
        assert_refused(response, 404, "not_found").await;
    }
}

#[tokio::test]
async fn malformed_queries_are_bad_requests_in_the_error_shape() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let base = paths::professional_slots(pro.id);
    for path in [
        format!("{base}?date=2026-13-01&tz=UTC"),
        format!("{base}?date=21.11.2026&tz=UTC"),
        format!("{base}?date=&tz=UTC"),
        format!("{base}?tz=UTC"),
        format!("{base}?date=2026-11-21"),
        "/api/professionals/abc/slots?date=2026-11-21&tz=UTC".to_owned(),
    ] {
        let response = app.get(&path, Some(&ada)).await;
        assert_refused(response, 400, "bad_request").await;
    }
    let response = app.get(&day_path(pro.id, "2026-11-21", "UTC"), None).await;
    assert_refused(response, 401, "unauthorized").await;
}

#[tokio::test]
async fn a_zone_name_may_need_escaping() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let slot = app.slot(&pro, utc(2026, 11, 25, 23, 30), 60).await;
    let path = format!(
        "{}?date=2026-11-26&tz=America%2FArgentina%2FBuenos_Aires",
        paths::professional_slots(pro.id)
    );
    let slots: Vec<BookableTime> = ok(app.get(&path, Some(&ada)).await).await;
    assert!(slots.is_empty(), "{slots:?}");
    let path = path.replace("2026-11-26", "2026-11-25");
    let slots: Vec<BookableTime> = ok(app.get(&path, Some(&ada)).await).await;
    assert_eq!(slots.iter().map(slot_id).collect::<Vec<_>>(), [slot.id]);
}
