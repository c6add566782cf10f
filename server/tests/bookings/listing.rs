//! `GET /api/bookings?scope=…&cursor=…`.

use super::support::{assert_refused, ok, Person, TestApp};
use chrono::Duration;
use serde_json::json;
use std::collections::HashSet;
use tandem_api::bookings::{BookingPage, BookingScope, BookingStatus};
use tandem_api::{paths, BookingId};

fn list_path(scope: BookingScope, cursor: Option<&str>) -> String {
    match cursor {
        None => format!("{}?scope={}", paths::BOOKINGS, scope.as_str()),
        Some(cursor) => format!(
            "{}?scope={}&cursor={cursor}",
            paths::BOOKINGS,
            scope.as_str()
        ),
    }
}

async fn page(
    app: &TestApp,
    who: &Person,
    scope: BookingScope,
    cursor: Option<&str>,
) -> BookingPage {
    ok(app.get(&list_path(scope, cursor), Some(who)).await).await
}

/// Every page of the list, following the cursors.
async fn all_pages(app: &TestApp, who: &Person, scope: BookingScope) -> Vec<BookingPage> {
    let mut pages = vec![page(app, who, scope, None).await];
    while let Some(cursor) = pages.last().and_then(|p| p.next_cursor.clone()) {
        pages.push(page(app, who, scope, Some(&cursor)).await);
        assert!(pages.len() < 20, "the cursors never end");
    }
    pages
}

#[tokio::test]
async fn each_person_sees_only_their_own_sessions_with_both_names() {
    let app = TestApp::new().await;
    let maya = app.professional("Maya Pro").await;
    let leo = app.professional("Leo Pro").await;
    let ada = app.client("Ada Client").await;
    let bob = app.client("Bob Client").await;
    let now = app.now();
    let maya_slot = app.slot(&maya, now + Duration::hours(2), 60).await;
    let leo_slot = app.slot(&leo, now + Duration::hours(3), 60).await;
    let body = json!({"slot_id": maya_slot.id, "notes": "About sleep."});
    let ada_maya: tandem_api::bookings::Booking =
        super::support::created(app.post(paths::BOOKINGS, body, Some(&ada)).await).await;
    let bob_leo = app.book(&bob, leo_slot.id).await;

    let ids = |page: &BookingPage| page.items.iter().map(|b| b.id).collect::<Vec<_>>();
    let ada_page = page(&app, &ada, BookingScope::Upcoming, None).await;
    assert_eq!(ids(&ada_page), [ada_maya.id]);
    assert_eq!(ada_page.items[0], ada_maya);
    assert_eq!(ada_page.items[0].notes.as_deref(), Some("About sleep."));
    assert_eq!(ada_page.items[0].professional.full_name, "Maya Pro");
    assert_eq!(ada_page.items[0].client.full_name, "Ada Client");
    assert_eq!(ada_page.next_cursor, None);

    assert_eq!(
        ids(&page(&app, &maya, BookingScope::Upcoming, None).await),
        [ada_maya.id]
    );
    assert_eq!(
        ids(&page(&app, &bob, BookingScope::Upcoming, None).await),
        [bob_leo.id]
    );
    assert_eq!(
        ids(&page(&app, &leo, BookingScope::Upcoming, None).await),
        [bob_leo.id]
    );

    let nobody = app.client("Nobody Client").await;
    let empty = page(&app, &nobody, BookingScope::Upcoming, None).await;
    assert!(empty.items.is_empty() && empty.next_cursor.is_none());

    assert_refused(app.get(paths::BOOKINGS, None).await, 401, "unauthorized").await;
}

#[tokio::test]
async fn upcoming_and_past_are_split_by_the_end_of_the_session() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let now = app.now();
    let first = app.slot(&pro, now + Duration::hours(1), 60).await;
    let second = app.slot(&pro, now + Duration::hours(3), 60).await;
    let third = app.slot(&pro, now + Duration::hours(5), 60).await;
    let first = app.book(&ada, first.id).await;
    let second = app.book(&ada, second.id).await;
    let third = app.book(&ada, third.id).await;
    let response = app
        .post(&paths::booking_cancel(third.id), json!({}), Some(&ada))
        .await;
    assert_eq!(response.status(), 200);

    // No scope means upcoming; cancelled ones are listed with their status.
    let all: BookingPage = ok(app.get(paths::BOOKINGS, Some(&ada)).await).await;
    let seen: Vec<_> = all.items.iter().map(|b| (b.id, b.status)).collect();
    assert_eq!(
        seen,
        [
            (first.id, BookingStatus::Active),
            (second.id, BookingStatus::Active),
            (third.id, BookingStatus::Cancelled)
        ]
    );
    assert!(page(&app, &ada, BookingScope::Past, None)
        .await
        .items
        .is_empty());

    // The first is under way: still upcoming until it ends.
    app.advance(Duration::minutes(90));
    let upcoming = page(&app, &ada, BookingScope::Upcoming, None).await;
    assert_eq!(upcoming.items.len(), 3);
    app.advance(Duration::minutes(30));
    let ids = |page: &BookingPage| page.items.iter().map(|b| b.id).collect::<Vec<_>>();
    assert_eq!(
        ids(&page(&app, &ada, BookingScope::Upcoming, None).await),
        [second.id, third.id]
    );
    assert_eq!(
        ids(&page(&app, &ada, BookingScope::Past, None).await),
        [first.id]
    );

    // Most recent first.
    app.advance(Duration::hours(6));
    assert!(page(&app, &ada, BookingScope::Upcoming, None)
        .await
        .items
        .is_empty());
    assert_eq!(
        ids(&page(&app, &pro, BookingScope::Past, None).await),
        [third.id, second.id, first.id]
    );
}

#[tokio::test]
async fn pages_of_twenty_cover_every_session_once() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let other = app.professional("Other Pro").await;
    let ada = app.client("Ada Client").await;
    let now = app.now();
    let mut booked = Vec::new();
    // 45 sessions of Ada's, and some of other people's in between.
    for i in 0..45 {
        let start = now + Duration::hours(1) + Duration::minutes(30 * i);
        let slot = app.slot(&pro, start, 30).await;
        booked.push(app.book(&ada, slot.id).await.id);
        if i % 10 == 0 {
            let bob = app.client(&format!("Bob {i}")).await;
            let theirs = app.slot(&other, start, 30).await;
            app.book(&bob, theirs.id).await;
        }
    }

    let pages = all_pages(&app, &ada, BookingScope::Upcoming).await;
    let sizes: Vec<_> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [20, 20, 5]);
    let listed: Vec<BookingId> = pages
        .iter()
        .flat_map(|p| p.items.iter().map(|b| b.id))
        .collect();
    assert_eq!(listed, booked, "soonest first, no duplicates, no gaps");
    assert!(pages
        .iter()
        .flat_map(|p| &p.items)
        .all(|b| b.client.id == ada.id));
    // The professional sees the same sessions, paged the same way.
    let pro_pages = all_pages(&app, &pro, BookingScope::Upcoming).await;
    let pro_listed: Vec<BookingId> = pro_pages
        .iter()
        .flat_map(|p| p.items.iter().map(|b| b.id))
        .collect();
    assert_eq!(pro_listed, booked);

    // All over: the past list pages backwards through the same sessions.
    app.advance(Duration::days(2));
    let pages = all_pages(&app, &ada, BookingScope::Past).await;
    let sizes: Vec<_> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [20, 20, 5]);
    let listed: Vec<BookingId> = pages
        .iter()
        .flat_map(|p| p.items.iter().map(|b| b.id))
        .collect();
    let mut latest_first = booked.clone();
    latest_first.reverse();
    assert_eq!(listed, latest_first);
    assert_eq!(listed.iter().collect::<HashSet<_>>().len(), 45);
}

#[tokio::test]
async fn exactly_twenty_sessions_fit_on_one_page() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    for i in 0..20 {
        let start = app.now() + Duration::hours(1 + i);
        let slot = app.slot(&pro, start, 30).await;
        app.book(&ada, slot.id).await;
    }
    let pages = all_pages(&app, &ada, BookingScope::Upcoming).await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].items.len(), 20);
}

#[tokio::test]
async fn a_cursor_the_list_did_not_hand_out_is_a_bad_request() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    for i in 0..21 {
        let start = app.now() + Duration::hours(1 + i);
        let slot = app.slot(&pro, start, 30).await;
        app.book(&ada, slot.id).await;
    }
    let first = page(&app, &ada, BookingScope::Upcoming, None).await;
    let cursor = first.next_cursor.expect("a second page");

    // Not base64, not ours, incomplete, or with an id that is not a number.
    for bad in ["garbage!", "!!!", "dXBjb21pbmc6MTI", "dXBjb21pbmc6MTI6eA"] {
        let response = app
            .get(&list_path(BookingScope::Upcoming, Some(bad)), Some(&ada))
            .await;
        assert_refused(response, 400, "bad_request").await;
    }
    // A cursor of the upcoming list means nothing in the past one.
    let response = app
        .get(&list_path(BookingScope::Past, Some(&cursor)), Some(&ada))
        .await;
    assert_refused(response, 400, "bad_request").await;
    let response = app
        .get(&format!("{}?scope=later", paths::BOOKINGS), Some(&ada))
        .await;
    assert_refused(response, 400, "bad_request").await;
}
