//! Weekly hours, rules and date overrides through the API, and booking the
//! times computed from them beside one-off slots.
//!
//! The clock says Saturday 2026-11-21 09:00 UTC; Monday the 23rd is the
//! first weekday ahead. Berlin is UTC+1 then, New York UTC-5.

use super::races::{race, tally};
use super::support::{assert_refused, created, fields, ok, utc, Person, TestApp};
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use tandem_api::availability::{
    Availability, BookableTime, BookingTarget, DateOverride, TimeSource,
};
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::paths;

/// Monday 09:00–12:00 in Berlin, 50-minute sessions with 10 minutes of
/// buffer, no notice, $90.
fn monday_mornings() -> Value {
    json!({
        "time_zone": "Europe/Berlin",
        "session_minutes": 50,
        "buffer_minutes": 10,
        "notice_hours": 0,
        "horizon_days": 60,
        "price_cents": 9000,
        "weekly_hours": [
            {"weekday": "monday", "ranges": [{"start": "09:00", "end": "12:00"}]}
        ]
    })
}

async fn professional_with_hours(app: &TestApp, rules: Value) -> Person {
    let pro = app.professional("Maya Pro").await;
    let _: Availability = ok(app.put(paths::AVAILABILITY, rules, Some(&pro)).await).await;
    pro
}

async fn day(app: &TestApp, viewer: &Person, pro: &Person, date: &str, tz: &str) -> Vec<BookableTime> {
    let path = format!("{}?date={date}&tz={tz}", paths::professional_slots(pro.id));
    ok(app.get(&path, Some(viewer)).await).await
}

/// `(start, source, is_booked)` of each listed time.
fn summary(times: &[BookableTime]) -> Vec<(DateTime<Utc>, TimeSource, bool)> {
    times
        .iter()
        .map(|time| (time.start_time, time.source, time.is_booked))
        .collect()
}

fn weekly_target(pro: &Person, start: DateTime<Utc>) -> Value {
    json!({"professional_id": pro.id, "start_time": start})
}

async fn try_book_time(app: &TestApp, client: &Person, pro: &Person, start: DateTime<Utc>) -> axum::response::Response {
    app.post(paths::BOOKINGS, weekly_target(pro, start), Some(client))
        .await
}

const WEEKLY: TimeSource = TimeSource::WeeklyHours;

#[tokio::test]
async fn a_new_professional_starts_with_no_hours_and_clients_have_none() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let rules: Availability = ok(app.get(paths::AVAILABILITY, Some(&pro)).await).await;
    assert_eq!(rules, Availability::starting("UTC".into()));
    assert!(day(&app, &pro, &pro, "2026-11-23", "UTC").await.is_empty());

    let ada = app.client("Ada Client").await;
    assert_refused(app.get(paths::AVAILABILITY, Some(&ada)).await, 403, "forbidden").await;
    assert_refused(
        app.put(paths::AVAILABILITY, monday_mornings(), Some(&ada)).await,
        403,
        "forbidden",
    )
    .await;
    assert_refused(app.get(paths::AVAILABILITY, None).await, 401, "unauthorized").await;
}

#[tokio::test]
async fn saved_hours_come_back_in_order_and_bad_ones_change_nothing() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let mut rules = monday_mornings();
    rules["weekly_hours"] = json!([
        {"weekday": "tuesday", "ranges": [
            {"start": "14:00", "end": "18:00"}, {"start": "09:00", "end": "12:00"}
        ]},
        {"weekday": "monday", "ranges": [{"start": "09:00", "end": "12:00"}]},
        {"weekday": "sunday", "ranges": []}
    ]);
    let saved: Availability = ok(app.put(paths::AVAILABILITY, rules, Some(&pro)).await).await;
    let days: Vec<_> = saved
        .weekly_hours
        .iter()
        .map(|day| (day.weekday, day.ranges.iter().map(|r| r.to_string()).collect::<Vec<_>>()))
        .collect();
    assert_eq!(
        format!("{days:?}"),
        r#"[(Monday, ["09:00–12:00"]), (Tuesday, ["09:00–12:00", "14:00–18:00"])]"#
    );
    let read: Availability = ok(app.get(paths::AVAILABILITY, Some(&pro)).await).await;
    assert_eq!(read, saved);

    let mut bad = monday_mornings();
    bad["time_zone"] = json!("Mars/Olympus");
    bad["session_minutes"] = json!(300);
    bad["weekly_hours"] = json!([
        {"weekday": "friday", "ranges": [
            {"start": "09:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}
        ]}
    ]);
    let error = assert_refused(
        app.put(paths::AVAILABILITY, bad, Some(&pro)).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        fields(&error),
        ["time_zone", "session_minutes", "weekly_hours[0].ranges[1]"]
    );
    let mut unreadable = monday_mornings();
    unreadable["weekly_hours"][0]["ranges"][0]["end"] = json!("25:00");
    let response = app.put(paths::AVAILABILITY, unreadable, Some(&pro)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let after: Availability = ok(app.get(paths::AVAILABILITY, Some(&pro)).await).await;
    assert_eq!(after, saved, "a refused save changes nothing");
}

#[tokio::test]
async fn a_day_lists_computed_times_beside_one_off_slots_in_the_viewers_zone() {
    let app = TestApp::new().await;
    let pro = professional_with_hours(&app, monday_mornings()).await;
    let one_off = app.slot(&pro, utc(2026, 11, 23, 13, 0), 60).await;
    let ada = app.client("Ada Client").await;

    let berlin = day(&app, &ada, &pro, "2026-11-23", "Europe/Berlin").await;
    assert_eq!(
        summary(&berlin),
        [
            (utc(2026, 11, 23, 8, 0), WEEKLY, false),
            (utc(2026, 11, 23, 9, 0), WEEKLY, false),
            (utc(2026, 11, 23, 10, 0), WEEKLY, false),
            (one_off.start_time, TimeSource::OneOff, false),
        ]
    );
    assert_eq!(berlin[0].end_time, utc(2026, 11, 23, 8, 50));
    assert_eq!(berlin[0].price_cents, 9000);
    assert_eq!(berlin[0].book, BookingTarget::WeeklyHours {
        professional_id: pro.id,
        start_time: utc(2026, 11, 23, 8, 0),
    });
    // 08:00 UTC is 03:00 on the same Monday in New York.
    let new_york = day(&app, &ada, &pro, "2026-11-23", "America/New_York").await;
    assert_eq!(new_york.len(), 4);
    assert!(day(&app, &ada, &pro, "2026-11-24", "Europe/Berlin").await.is_empty());
}

#[tokio::test]
async fn a_booked_time_is_taken_with_its_buffer_and_cancelling_frees_it() {
    let app = TestApp::new().await;
    let pro = professional_with_hours(&app, monday_mornings()).await;
    let ada = app.client("Ada Client").await;
    let bob = app.client("Bob Client").await;
    let nine = utc(2026, 11, 23, 9, 0);

    let booking: Booking = created(try_book_time(&app, &ada, &pro, nine).await).await;
    assert_eq!(
        (booking.start_time, booking.end_time, booking.price_cents),
        (nine, nine + Duration::minutes(50), 9000)
    );
    assert_eq!(booking.professional.id, pro.id);
    let times = day(&app, &bob, &pro, "2026-11-23", "Europe/Berlin").await;
    assert_eq!(
        summary(&times),
        [
            (utc(2026, 11, 23, 8, 0), WEEKLY, false),
            (nine, WEEKLY, true),
            (utc(2026, 11, 23, 10, 0), WEEKLY, false),
        ]
    );
    assert_eq!(times[1].book, BookingTarget::Slot { slot_id: booking.slot_id });
    assert_refused(try_book_time(&app, &bob, &pro, nine).await, 409, "slot_taken").await;
    assert_refused(app.try_book(&bob, booking.slot_id).await, 409, "slot_taken").await;

    let cancelled: Booking = ok(app
        .post(&paths::booking_cancel(booking.id), json!({}), Some(&ada))
        .await)
    .await;
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    let times = day(&app, &bob, &pro, "2026-11-23", "Europe/Berlin").await;
    assert_eq!(summary(&times)[1], (nine, WEEKLY, false));
    let again: Booking = created(try_book_time(&app, &bob, &pro, nine).await).await;
    assert_ne!(again.slot_id, booking.slot_id);
    // Ada still sees her cancelled session at its time.
    let kept: Booking = ok(app.get(&paths::booking(booking.id), Some(&ada)).await).await;
    assert_eq!((kept.start_time, kept.status), (nine, BookingStatus::Cancelled));
}

#[tokio::test]
async fn only_free_times_of_the_hours_can_be_booked() {
    let app = TestApp::new().await;
    let pro = professional_with_hours(&app, monday_mornings()).await;
    let ada = app.client("Ada Client").await;
    // Not on the hours' grid, outside the hours, or on a day off.
    for start in [utc(2026, 11, 23, 8, 30), utc(2026, 11, 23, 15, 0), utc(2026, 11, 24, 8, 0)] {
        assert_refused(try_book_time(&app, &ada, &pro, start).await, 409, "slot_taken").await;
    }
    assert_refused(try_book_time(&app, &ada, &pro, app.now()).await, 409, "conflict").await;
    let nobody = app.professional("No Hours").await;
    assert_refused(
        try_book_time(&app, &ada, &nobody, utc(2026, 11, 23, 8, 0)).await,
        409,
        "slot_taken",
    )
    .await;
    assert_refused(
        try_book_time(&app, &ada, &ada, utc(2026, 11, 23, 8, 0)).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(app.count("bookings").await, 0);
    assert_eq!(app.count("slots").await, 0);
}

#[tokio::test]
async fn one_off_slots_and_computed_times_never_overlap() {
    let app = TestApp::new().await;
    let pro = professional_with_hours(&app, monday_mornings()).await;
    let ada = app.client("Ada Client").await;
    // A one-off slot from 09:30 to 10:30 Berlin hides 09:00 and 10:00.
    app.slot(&pro, utc(2026, 11, 23, 8, 30), 60).await;
    let times = day(&app, &ada, &pro, "2026-11-23", "Europe/Berlin").await;
    assert_eq!(
        summary(&times),
        [
            (utc(2026, 11, 23, 8, 30), TimeSource::OneOff, false),
            (utc(2026, 11, 23, 10, 0), WEEKLY, false),
        ]
    );
    assert_refused(
        try_book_time(&app, &ada, &pro, utc(2026, 11, 23, 9, 0)).await,
        409,
        "slot_taken",
    )
    .await;
    // A booked computed time refuses a one-off slot over it.
    let _: Booking = created(try_book_time(&app, &ada, &pro, utc(2026, 11, 23, 10, 0)).await).await;
    assert_refused(
        app.try_create_slot(&pro, utc(2026, 11, 23, 10, 30), 60, 5_000).await,
        409,
        "slot_overlap",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn clients_racing_for_one_computed_time_make_one_booking() {
    const CLIENTS: usize = 20;
    let app = TestApp::new().await;
    let pro = professional_with_hours(&app, monday_mornings()).await;
    let mut requests = Vec::new();
    for n in 0..CLIENTS {
        let client = app.client(&format!("Client {n}")).await;
        requests.push((client, paths::BOOKINGS, weekly_target(&pro, utc(2026, 11, 23, 9, 0))));
    }
    let outcomes = race(&app, requests).await;
    assert_eq!(tally(&outcomes, StatusCode::CREATED, None), 1, "{outcomes:?}");
    assert_eq!(
        tally(&outcomes, StatusCode::CONFLICT, Some("slot_taken")),
        CLIENTS - 1,
        "{outcomes:?}"
    );
    assert_eq!(app.count("bookings").await, 1);
}

#[tokio::test]
async fn notice_and_horizon_bound_what_clients_see() {
    let app = TestApp::new().await;
    let mut rules = monday_mornings();
    // Now is Saturday 09:00 UTC: 48 hours on is Monday 09:00 UTC.
    rules["notice_hours"] = json!(48);
    let pro = professional_with_hours(&app, rules.clone()).await;
    let ada = app.client("Ada Client").await;
    let starts: Vec<_> = day(&app, &ada, &pro, "2026-11-23", "Europe/Berlin")
        .await
        .iter()
        .map(|time| time.start_time)
        .collect();
    assert_eq!(starts, [utc(2026, 11, 23, 9, 0), utc(2026, 11, 23, 10, 0)]);
    assert_refused(
        try_book_time(&app, &ada, &pro, utc(2026, 11, 23, 8, 0)).await,
        409,
        "slot_taken",
    )
    .await;

    rules["notice_hours"] = json!(0);
    rules["horizon_days"] = json!(7);
    let _: Availability = ok(app.put(paths::AVAILABILITY, rules, Some(&pro)).await).await;
    assert_eq!(day(&app, &ada, &pro, "2026-11-23", "Europe/Berlin").await.len(), 3);
    assert!(day(&app, &ada, &pro, "2026-11-30", "Europe/Berlin").await.is_empty());
}

#[tokio::test]
async fn a_day_off_or_other_hours_replace_one_date() {
    let app = TestApp::new().await;
    let pro = professional_with_hours(&app, monday_mornings()).await;
    let ada = app.client("Ada Client").await;

    let off: DateOverride = created(app
        .post(paths::AVAILABILITY_OVERRIDES, json!({"date": "2026-11-23", "ranges": []}), Some(&pro))
        .await)
    .await;
    assert!(day(&app, &ada, &pro, "2026-11-23", "Europe/Berlin").await.is_empty());
    assert_eq!(day(&app, &ada, &pro, "2026-11-30", "Europe/Berlin").await.len(), 3);

    // Other hours on the same date replace the day off.
    let other: DateOverride = created(app
        .post(
            paths::AVAILABILITY_OVERRIDES,
            json!({"date": "2026-11-23", "ranges": [{"start": "15:00", "end": "16:00"}]}),
            Some(&pro),
        )
        .await)
    .await;
    let listed: Vec<DateOverride> = ok(app.get(paths::AVAILABILITY_OVERRIDES, Some(&pro)).await).await;
    assert_eq!(listed, [other.clone()]);
    assert!(off.ranges.is_empty());
    let starts: Vec<_> = day(&app, &ada, &pro, "2026-11-23", "Europe/Berlin")
        .await
        .iter()
        .map(|time| time.start_time)
        .collect();
    assert_eq!(starts, [utc(2026, 11, 23, 14, 0)]);

    // Bad ones change nothing; another professional cannot delete it.
    for (body, field) in [
        (json!({"date": "2026-11-20", "ranges": []}), "date"),
        (json!({"date": "2026-11-24", "ranges": [{"start": "10:00", "end": "09:00"}]}), "ranges[0]"),
    ] {
        let error = assert_refused(
            app.post(paths::AVAILABILITY_OVERRIDES, body, Some(&pro)).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(&error), [field]);
    }
    let other_pro = app.professional("Other Pro").await;
    assert_refused(
        app.delete(&paths::availability_override(other.id), Some(&other_pro)).await,
        404,
        "not_found",
    )
    .await;
    let listed: Vec<DateOverride> = ok(app.get(paths::AVAILABILITY_OVERRIDES, Some(&pro)).await).await;
    assert_eq!(listed.len(), 1);

    let response = app.delete(&paths::availability_override(other.id), Some(&pro)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(day(&app, &ada, &pro, "2026-11-23", "Europe/Berlin").await.len(), 3);
}

#[tokio::test]
async fn a_booking_is_readable_by_its_two_people_only() {
    let app = TestApp::new().await;
    let pro = professional_with_hours(&app, monday_mornings()).await;
    let ada = app.client("Ada Client").await;
    let eve = app.client("Eve Client").await;
    let booking: Booking = created(try_book_time(&app, &ada, &pro, utc(2026, 11, 23, 8, 0)).await).await;
    for person in [&ada, &pro] {
        let read: Booking = ok(app.get(&paths::booking(booking.id), Some(person)).await).await;
        assert_eq!(read, booking);
    }
    assert_refused(app.get(&paths::booking(booking.id), Some(&eve)).await, 404, "not_found").await;
    assert_refused(app.get(&paths::booking(booking.id), None).await, 401, "unauthorized").await;
}
