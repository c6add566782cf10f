//! The whole path through the real endpoints: sign up as a professional
//! and as a client, publish a slot, find it, book it, see it, cancel it.

use super::support::{created, ok, request, utc, TestApp};
use axum::http::StatusCode;
use serde_json::json;
use tandem_api::auth::User;
use tandem_api::availability::{BookableTime, BookingTarget};
use tandem_api::bookings::{Booking, BookingPage, BookingStatus};
use tandem_api::paths;
use tandem_api::profiles::DirectoryPage;
use tandem_api::slots::Slot;

/// Registers through the API; the `Cookie` header of the new session.
async fn register(app: &TestApp, email: &str, name: &str, role: &str) -> (User, String) {
    let body = json!({
        "email": email,
        "password": "correct horse battery staple",
        "full_name": name,
        "role": role,
    });
    let response = app
        .send(request("POST", paths::AUTH_REGISTER, None, Some(body)))
        .await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("tandem_session="))
        .and_then(|value| value.split(';').next())
        .expect("a session cookie")
        .to_owned();
    (created(response).await, cookie)
}

/// The same request with a raw cookie.
async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    cookie: &str,
    body: Option<serde_json::Value>,
) -> axum::http::Response<axum::body::Body> {
    let mut request = request(method, path, None, body);
    request
        .headers_mut()
        .insert("cookie", cookie.parse().expect("valid header"));
    app.send(request).await
}

#[tokio::test]
async fn sign_up_publish_book_list_and_cancel() {
    let app = TestApp::new().await;
    let (maya, maya_cookie) =
        register(&app, "maya@example.com", "Dr. Maya Okafor", "professional").await;
    let (ada, ada_cookie) = register(&app, "ada@example.com", "Ada Lovelace", "client").await;

    let start = utc(2026, 11, 24, 14, 0);
    let body = json!({
        "start_time": "2026-11-24T14:00:00Z",
        "end_time": "2026-11-24T15:00:00Z",
        "price_cents": 9000,
    });
    let slot: Slot =
        created(send(&app, "POST", paths::SLOTS, &maya_cookie, Some(body)).await).await;
    assert_eq!(slot.start_time, start);

    let directory: DirectoryPage =
        ok(send(&app, "GET", paths::PROFESSIONALS, &ada_cookie, None).await).await;
    let listed: Vec<_> = directory
        .items
        .iter()
        .map(|p| (p.id, p.full_name.as_str(), p.next_free))
        .collect();
    assert_eq!(listed, [(maya.id, "Dr. Maya Okafor", Some(start))]);
    let day = format!(
        "{}?date=2026-11-24&tz=Europe/Paris",
        paths::professional_slots(maya.id)
    );
    let free: Vec<BookableTime> = ok(send(&app, "GET", &day, &ada_cookie, None).await).await;
    let listed: Vec<_> = free.iter().map(|t| (t.book, t.start_time, t.end_time, t.is_booked)).collect();
    assert_eq!(
        listed,
        [(BookingTarget::Slot { slot_id: slot.id }, slot.start_time, slot.end_time, false)]
    );

    // Not verified yet, and booking is allowed all the same.
    assert!(!ada.verified);
    let body = json!({"slot_id": slot.id, "notes": "First time."});
    let booking: Booking =
        created(send(&app, "POST", paths::BOOKINGS, &ada_cookie, Some(body)).await).await;
    assert_eq!(booking.client.full_name, "Ada Lovelace");
    assert_eq!(booking.professional.full_name, "Dr. Maya Okafor");

    let free: Vec<BookableTime> = ok(send(&app, "GET", &day, &ada_cookie, None).await).await;
    assert!(free[0].is_booked);
    for cookie in [&ada_cookie, &maya_cookie] {
        let page: BookingPage = ok(send(&app, "GET", paths::BOOKINGS, cookie, None).await).await;
        assert_eq!(page.items, std::slice::from_ref(&booking));
    }

    let cancel = paths::booking_cancel(booking.id);
    let cancelled: Booking = ok(send(&app, "POST", &cancel, &maya_cookie, None).await).await;
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    let page: BookingPage = ok(send(&app, "GET", paths::BOOKINGS, &ada_cookie, None).await).await;
    assert_eq!(page.items[0].status, BookingStatus::Cancelled);

    let response = send(&app, "DELETE", &paths::slot(slot.id), &maya_cookie, None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let free: Vec<BookableTime> = ok(send(&app, "GET", &day, &ada_cookie, None).await).await;
    assert!(free.is_empty());
}
