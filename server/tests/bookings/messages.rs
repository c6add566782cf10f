//! Messages about sessions, through the API and the mail queue, delivered
//! to the outbox: booked, cancelled with a reason, rescheduled, and the
//! reminders 24 hours and 1 hour before (with the test clock), each once.

use super::common;
use super::support::{assert_refused, created, fields, ok, utc, Person, TestApp};
use chrono::Duration;
use serde_json::json;
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::calendar::CalendarFeedCreated;
use tandem_api::paths;
use tandem_server::mail::{queue, worker};
use tandem_server::notices::reminders;

/// The value of `NAME:` in the email's calendar, unfolded.
fn calendar_field(email: &str, name: &str) -> Option<String> {
    email
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}:")))
        .map(|value| value.trim().to_owned())
}

async fn booked(app: &TestApp) -> (Person, Person, Booking) {
    let pro = app.professional("Maya Pro").await;
    let client = app.client("Ada Client").await;
    let slot = app.slot(&pro, utc(2026, 11, 25, 10, 0), 50).await;
    let booking = app.book(&client, slot.id).await;
    (pro, client, booking)
}

#[tokio::test]
async fn booking_tells_both_people_with_an_invitation() {
    let app = TestApp::new().await;
    let (_pro, _client, booking) = booked(&app).await;
    for name in ["Maya Pro", "Ada Client"] {
        let emails = app.emails_to(name).await;
        assert_eq!(emails.len(), 1, "{name}: {emails:?}");
        let email = &emails[0];
        assert!(email.contains("METHOD:REQUEST"), "{email}");
        assert!(email.contains("DTSTART:20261125T100000Z"), "{email}");
        assert!(email.contains("DTEND:20261125T105000Z"), "{email}");
        assert_eq!(
            calendar_field(email, "UID").as_deref(),
            Some(format!("booking-{}@127.0.0.1", booking.id.0).as_str())
        );
        assert_eq!(calendar_field(email, "SEQUENCE").as_deref(), Some("0"));
        assert!(email.contains("Content-Type: text/html"), "{email}");
        assert!(
            email.contains(&format!("/call/{}", booking.id.0)),
            "{email}"
        );
    }
    let client_mail = &app.emails_to("Ada Client").await[0];
    assert!(client_mail.contains("Subject: Booked: your session with Maya Pro"));
    // Nothing is sent twice.
    assert_eq!(app.emails_to("Ada Client").await.len(), 1);
}

#[tokio::test]
async fn cancelling_with_a_reason_tells_the_other_person_who_and_why() {
    let app = TestApp::new().await;
    let (pro, _client, booking) = booked(&app).await;
    let cancelled: Booking = ok(app
        .post(
            &paths::booking_cancel(booking.id),
            json!({"reason": "  I am ill, sorry.  "}),
            Some(&pro),
        )
        .await)
    .await;
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(cancelled.cancelled_by, Some(pro.id));
    assert_eq!(
        cancelled.cancellation_reason.as_deref(),
        Some("I am ill, sorry.")
    );
    assert_eq!(cancelled.revision, 1);

    let emails = app.emails_to("Ada Client").await;
    let last = emails.last().expect("a cancellation email");
    assert!(last.contains("Maya Pro cancelled your session"), "{last}");
    assert!(last.contains("Reason: I am ill, sorry."), "{last}");
    assert!(last.contains("METHOD:CANCEL"), "{last}");
    assert_eq!(calendar_field(last, "SEQUENCE").as_deref(), Some("1"));
    let own = app.emails_to("Maya Pro").await;
    assert!(own
        .last()
        .is_some_and(|mail| mail.contains("You cancelled")));
}

#[tokio::test]
async fn a_reason_over_the_limit_is_refused_and_changes_nothing() {
    let app = TestApp::new().await;
    let (_pro, client, booking) = booked(&app).await;
    let error = assert_refused(
        app.post(
            &paths::booking_cancel(booking.id),
            json!({"reason": "x".repeat(501)}),
            Some(&client),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&error), ["reason"]);
    let still: Booking = ok(app.get(&paths::booking(booking.id), Some(&client)).await).await;
    assert_eq!(still.status, BookingStatus::Active);
}

#[tokio::test]
async fn rescheduling_moves_the_booking_and_updates_the_invitation() {
    let app = TestApp::new().await;
    let (pro, client, booking) = booked(&app).await;
    let later = app.slot(&pro, utc(2026, 11, 26, 14, 0), 50).await;
    let moved: Booking = ok(app
        .post(
            &paths::booking_reschedule(booking.id),
            json!({"slot_id": later.id}),
            Some(&client),
        )
        .await)
    .await;
    assert_eq!(moved.id, booking.id);
    assert_eq!(moved.slot_id, later.id);
    assert_eq!(moved.start_time, utc(2026, 11, 26, 14, 0));
    assert_eq!(moved.revision, 1);
    assert_eq!(moved.status, BookingStatus::Active);

    // The old slot can be booked again; the new one cannot.
    let other = app.client("Bea Client").await;
    app.book(&other, booking.slot_id).await;
    assert_refused(app.try_book(&other, later.id).await, 409, "slot_taken").await;

    for name in ["Maya Pro", "Ada Client"] {
        let emails = app.emails_to(name).await;
        let update = emails
            .iter()
            .find(|mail| mail.contains("Subject: Moved:"))
            .expect("an update");
        assert!(update.contains("Subject: Moved: your session"), "{update}");
        assert!(
            update.contains("It was: Wednesday 25 November 2026"),
            "{update}"
        );
        assert!(update.contains("METHOD:REQUEST"), "{update}");
        assert!(update.contains("DTSTART:20261126T140000Z"), "{update}");
        assert_eq!(calendar_field(update, "SEQUENCE").as_deref(), Some("1"));
        assert_eq!(
            calendar_field(update, "UID"),
            calendar_field(&emails[0], "UID")
        );
    }
}

#[tokio::test]
async fn rescheduling_refuses_a_taken_time_and_another_professionals_time() {
    let app = TestApp::new().await;
    let (pro, client, booking) = booked(&app).await;
    let taken = app.slot(&pro, utc(2026, 11, 26, 9, 0), 50).await;
    let other_client = app.client("Bea Client").await;
    app.book(&other_client, taken.id).await;
    assert_refused(
        app.post(
            &paths::booking_reschedule(booking.id),
            json!({"slot_id": taken.id}),
            Some(&client),
        )
        .await,
        409,
        "slot_taken",
    )
    .await;
    let leo = app.professional("Leo Pro").await;
    let elsewhere = app.slot(&leo, utc(2026, 11, 26, 9, 0), 50).await;
    assert_refused(
        app.post(
            &paths::booking_reschedule(booking.id),
            json!({"slot_id": elsewhere.id}),
            Some(&client),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    // A stranger cannot even see it.
    assert_refused(
        app.post(
            &paths::booking_reschedule(booking.id),
            json!({"slot_id": elsewhere.id}),
            Some(&other_client),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let still: Booking = ok(app.get(&paths::booking(booking.id), Some(&client)).await).await;
    assert_eq!((still.slot_id, still.revision), (booking.slot_id, 0));
}

#[tokio::test]
async fn inside_the_cutoff_the_client_cannot_change_but_the_professional_can() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let rules = json!({
        "time_zone": "Europe/London", "session_minutes": 50, "buffer_minutes": 0,
        "notice_hours": 0, "horizon_days": 60, "price_cents": 9000,
        "cancellation_cutoff_hours": 24, "weekly_hours": []
    });
    let _: serde_json::Value = ok(app.put(paths::AVAILABILITY, rules, Some(&pro)).await).await;
    let client = app.client("Ada Client").await;
    // Tomorrow 10:00: 25 hours ahead, so changeable for one more hour.
    let slot = app.slot(&pro, utc(2026, 11, 22, 10, 0), 50).await;
    let later = app.slot(&pro, utc(2026, 11, 23, 10, 0), 50).await;
    let booking = app.book(&client, slot.id).await;
    assert_eq!(booking.client_change_deadline, utc(2026, 11, 21, 10, 0));

    app.advance(Duration::hours(2));
    let refusal = assert_refused(
        app.post(&paths::booking_cancel(booking.id), json!({}), Some(&client))
            .await,
        409,
        "inside_cutoff",
    )
    .await;
    let message = refusal["message"].as_str().unwrap_or_default();
    assert!(message.contains("24 hours before the start"), "{message}");
    assert_refused(
        app.post(
            &paths::booking_reschedule(booking.id),
            json!({"slot_id": later.id}),
            Some(&client),
        )
        .await,
        409,
        "inside_cutoff",
    )
    .await;
    let moved: Booking = ok(app
        .post(
            &paths::booking_reschedule(booking.id),
            json!({"slot_id": later.id}),
            Some(&pro),
        )
        .await)
    .await;
    assert_eq!(moved.start_time, utc(2026, 11, 23, 10, 0));
}

#[tokio::test]
async fn reminders_go_out_a_day_and_an_hour_before_and_never_twice() {
    let app = TestApp::new().await;
    let (_pro, _client, booking) = booked(&app).await;
    let count = |emails: &[String], subject: &str| {
        emails
            .iter()
            .filter(|mail| mail.contains(&format!("Subject: Reminder: {subject}")))
            .count()
    };
    // Not yet: the session is four days ahead.
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 0);

    // 24 hours before: one reminder each, however often the scan runs.
    app.clock.set(booking.start_time - Duration::hours(24));
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 2);
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 0);
    let emails = app.emails_to("Ada Client").await;
    assert_eq!(count(&emails, "your session with Maya Pro tomorrow"), 1);
    let reminder = emails.last().expect("the reminder");
    assert!(
        reminder.contains("List-Unsubscribe: <http://127.0.0.1"),
        "{reminder}"
    );
    assert!(reminder.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // An hour before: the second one.
    app.clock.set(booking.start_time - Duration::minutes(59));
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 2);
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 0);
    let emails = app.emails_to("Ada Client").await;
    assert_eq!(count(&emails, "your session with Maya Pro in an hour"), 1);
    assert_eq!(count(&emails, "your session with Maya Pro tomorrow"), 1);
}

#[tokio::test]
async fn a_session_booked_inside_the_window_gets_no_reminder_for_it() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let client = app.client("Ada Client").await;
    // Booked 5 hours ahead: the day-before window has already opened.
    let slot = app.slot(&pro, app.now() + Duration::hours(5), 50).await;
    let booking = app.book(&client, slot.id).await;
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 0);
    // The hour-before one still comes.
    app.clock.set(booking.start_time - Duration::minutes(30));
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 2);
}

#[tokio::test]
async fn turning_reminders_off_stops_them_and_the_one_click_link_does_too() {
    let app = TestApp::new().await;
    let (_pro, client, booking) = booked(&app).await;
    let account: serde_json::Value = ok(app.get(paths::ACCOUNT, Some(&client)).await).await;
    assert_eq!(account["reminders"], true);
    let body = json!({"full_name": "Ada Client", "time_zone": "Europe/London", "reminders": false});
    let account: serde_json::Value = ok(app.put(paths::ACCOUNT, body, Some(&client)).await).await;
    assert_eq!(account["reminders"], false);
    app.clock.set(booking.start_time - Duration::hours(23));
    // Only the professional's.
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 1);
    let pro_mail = app.emails_to("Maya Pro").await;
    let reminder = pro_mail.last().expect("the professional's reminder");
    let link = reminder
        .lines()
        .find_map(|line| line.strip_prefix("List-Unsubscribe: <"))
        .and_then(|rest| rest.strip_suffix('>'))
        .expect("an unsubscribe link");
    let path = link.trim_start_matches("http://127.0.0.1:3000");
    let response = app.post(path, json!({}), None).await;
    assert_eq!(response.status(), 200);
    app.clock.set(booking.start_time - Duration::minutes(50));
    assert_eq!(reminders::queue_due(&app.state).await.expect("scan"), 0);
    // An unknown token changes nothing.
    let response = app
        .post(
            &format!("{}?token=nope", paths::REMINDERS_UNSUBSCRIBE),
            json!({}),
            None,
        )
        .await;
    assert_eq!(response.status(), 404);
}

/// Every outbox file, whoever it is to.
fn outbox_files(app: &TestApp) -> Vec<String> {
    std::fs::read_dir(&app.outbox)
        .map(|entries| {
            entries
                .map(|entry| entry.expect("entry").path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
                .map(|path| std::fs::read_to_string(path).expect("readable"))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_message_claimed_by_a_process_that_died_is_sent_once_after_its_lease() {
    let app = TestApp::new().await;
    booked(&app).await;
    // A process claims the client's confirmation, then dies before sending.
    let claimed = queue::claim(&app.state.db, "dead-process", app.now(), worker::LEASE)
        .await
        .expect("claim")
        .expect("a due message");
    // Another process sends the rest, but not the claimed one…
    let pass = worker::deliver_due(&app.state, "live-process")
        .await
        .expect("pass");
    assert_eq!(pass.sent, 1);
    assert_eq!(outbox_files(&app).len(), 1);
    // …until the lease has run out; then it goes out exactly once.
    app.advance(worker::LEASE + Duration::seconds(1));
    let pass = worker::deliver_due(&app.state, "live-process")
        .await
        .expect("pass");
    assert_eq!(pass.sent, 1);
    let files = outbox_files(&app);
    assert_eq!(files.len(), 2);
    assert_eq!(
        files
            .iter()
            .filter(|mail| mail.contains(&format!("To: {}", claimed.recipient)))
            .count(),
        1
    );
    let pass = worker::deliver_due(&app.state, "live-process")
        .await
        .expect("pass");
    assert_eq!(pass.sent, 0);
}

#[tokio::test]
async fn two_processes_draining_the_queue_send_each_message_once() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    for day in 0..10 {
        let client = app.client(&format!("Client {day}")).await;
        let start = utc(2026, 11, 23, 10, 0) + Duration::days(day);
        let slot = app.slot(&pro, start, 50).await;
        app.book(&client, slot.id).await;
    }
    let second = tandem_server::AppState::new(
        (*app.state.config).clone(),
        common::open_database(&app.state.config).await,
    )
    .with_clock(app.clock.clone());
    let (first, other) = tokio::join!(
        worker::deliver_due(&app.state, "process-a"),
        worker::deliver_due(&second, "process-b"),
    );
    let sent = first.expect("a").sent + other.expect("b").sent;
    assert_eq!(sent, 20);
    assert_eq!(outbox_files(&app).len(), 20);
    let waiting = queue::waiting(app.state.db.reader()).await.expect("queue");
    assert_eq!(waiting, 0);
}

#[tokio::test]
async fn the_calendar_feed_lists_sessions_until_it_is_replaced_or_stopped() {
    let app = TestApp::new().await;
    let (_pro, client, booking) = booked(&app).await;
    let status: serde_json::Value =
        ok(app.get(paths::ACCOUNT_CALENDAR_FEED, Some(&client)).await).await;
    assert!(status.get("created_at").is_none(), "{status}");
    let first: CalendarFeedCreated = created(
        app.post(paths::ACCOUNT_CALENDAR_FEED, json!({}), Some(&client))
            .await,
    )
    .await;
    let path = first.url.trim_start_matches("http://127.0.0.1:3000");
    let response = app.get(path, None).await;
    assert_eq!(response.status(), 200);
    assert!(common::header(&response, "content-type").starts_with("text/calendar"));
    let feed = String::from_utf8(common::body_bytes(response).await).expect("text");
    assert!(
        feed.contains(&format!("UID:booking-{}@127.0.0.1", booking.id.0)),
        "{feed}"
    );
    assert!(feed.contains("DTSTART:20261125T100000Z"), "{feed}");

    // A new address stops the old one.
    let replaced: CalendarFeedCreated = created(
        app.post(paths::ACCOUNT_CALENDAR_FEED, json!({}), Some(&client))
            .await,
    )
    .await;
    assert_eq!(app.get(path, None).await.status(), 404);
    let new_path = replaced.url.trim_start_matches("http://127.0.0.1:3000");
    assert_eq!(app.get(new_path, None).await.status(), 200);
    let response = app
        .delete(paths::ACCOUNT_CALENDAR_FEED, Some(&client))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(app.get(new_path, None).await.status(), 404);
}

#[tokio::test]
async fn a_booking_downloads_as_a_calendar_file_for_its_people_only() {
    let app = TestApp::new().await;
    let (_pro, client, booking) = booked(&app).await;
    let response = app
        .get(&paths::booking_calendar(booking.id), Some(&client))
        .await;
    assert_eq!(response.status(), 200);
    assert!(common::header(&response, "content-disposition").contains(".ics"));
    let text = String::from_utf8(common::body_bytes(response).await).expect("text");
    assert!(text.contains("BEGIN:VEVENT") && text.contains("DTSTART:20261125T100000Z"));
    let stranger = app.client("Bea Client").await;
    let response = app
        .get(&paths::booking_calendar(booking.id), Some(&stranger))
        .await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn a_cutoff_past_72_hours_is_refused_and_the_profile_shows_the_saved_one() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let rules = |cutoff: u16| {
        json!({
            "time_zone": "Europe/London", "session_minutes": 50, "buffer_minutes": 0,
            "notice_hours": 0, "horizon_days": 60, "price_cents": 9000,
            "cancellation_cutoff_hours": cutoff, "weekly_hours": []
        })
    };
    let error = assert_refused(
        app.put(paths::AVAILABILITY, rules(73), Some(&pro)).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(&error), ["cancellation_cutoff_hours"]);
    let _: serde_json::Value = ok(app.put(paths::AVAILABILITY, rules(48), Some(&pro)).await).await;
    let client = app.client("Ada Client").await;
    let profile: serde_json::Value =
        ok(app.get(&paths::professional(pro.id), Some(&client)).await).await;
    assert_eq!(profile["cancellation_cutoff_hours"], 48);
}
