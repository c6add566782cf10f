//! Deleting an account: the password is required, upcoming sessions are
//! cancelled with a reason the other person sees, personal data is erased,
//! and the other side's history shows "Deleted account".

use super::common;
use super::support::{session_cookie, set_cookie, start_time, TestApp, PASSWORD};
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use tandem_api::account::{CANCELLED_ACCOUNT_DELETED, DELETED_ACCOUNT_NAME};
use tandem_api::paths;

struct Person {
    id: i64,
    email: String,
    cookie: String,
}

async fn person(app: &TestApp, email: &str, name: &str, role: &str) -> Person {
    let body = json!({"email": email, "password": PASSWORD, "full_name": name, "role": role});
    let response = app.post(paths::AUTH_REGISTER, body, None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = session_cookie(&response).expect("signed in");
    let user = common::body_json(response).await;
    Person {
        id: user["id"].as_i64().expect("an id"),
        email: email.to_owned(),
        cookie,
    }
}

/// The professional publishes an hour from `start`; its slot id.
async fn slot(app: &TestApp, professional: &Person, start: DateTime<Utc>) -> i64 {
    let body = json!({
        "start_time": start.to_rfc3339(),
        "end_time": (start + Duration::hours(1)).to_rfc3339(),
        "price_cents": 5000,
    });
    let response = app
        .post(paths::SLOTS, body, Some(&professional.cookie))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    common::body_json(response).await["id"]
        .as_i64()
        .expect("slot id")
}

async fn book(app: &TestApp, client: &Person, slot: i64) -> Value {
    let body = json!({"slot_id": slot, "notes": "About my knee"});
    let response = app.post(paths::BOOKINGS, body, Some(&client.cookie)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    common::body_json(response).await
}

async fn bookings(app: &TestApp, who: &Person, scope: &str) -> Vec<Value> {
    let response = app
        .get(
            &format!("{}?scope={scope}", paths::BOOKINGS),
            Some(&who.cookie),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    common::body_json(response).await["items"]
        .as_array()
        .expect("items")
        .clone()
}

async fn delete_account(
    app: &TestApp,
    who: &Person,
    password: &str,
) -> axum::http::Response<axum::body::Body> {
    app.send_json(
        "DELETE",
        paths::ACCOUNT,
        json!({"password": password}),
        Some(&who.cookie),
    )
    .await
}

#[tokio::test]
async fn a_client_deleting_the_account_cancels_upcoming_sessions_and_erases_their_data() {
    let app = TestApp::new().await;
    let maya = person(&app, "maya@example.com", "Dr. Maya Okafor", "professional").await;
    let sam = person(&app, "sam@example.com", "Sam Lee", "client").await;
    // A session that happens, then one still to come.
    let past_slot = slot(&app, &maya, start_time() + Duration::hours(2)).await;
    book(&app, &sam, past_slot).await;
    app.advance(Duration::hours(4));
    let future_slot = slot(&app, &maya, start_time() + Duration::days(2)).await;
    let upcoming = book(&app, &sam, future_slot).await;
    app.ask_reset("sam@example.com").await;
    app.reset_token("sam@example.com").await;

    let response = delete_account(&app, &sam, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cleared = set_cookie(&response).expect("the cookie is cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert!(!app.signed_in(&sam.cookie).await);

    // Maya sees the upcoming session cancelled, and why.
    let maya_upcoming = bookings(&app, &maya, "upcoming").await;
    assert_eq!(maya_upcoming.len(), 1);
    assert_eq!(maya_upcoming[0]["id"], upcoming["id"]);
    assert_eq!(maya_upcoming[0]["status"], "cancelled");
    assert_eq!(
        maya_upcoming[0]["cancellation_reason"],
        CANCELLED_ACCOUNT_DELETED
    );
    assert_eq!(
        maya_upcoming[0]["client"]["full_name"],
        DELETED_ACCOUNT_NAME
    );
    assert_eq!(maya_upcoming[0]["notes"], Value::Null);
    // …and by email, with the cancelled invitation.
    let told = app
        .email_containing("maya@example.com", "Subject: Cancelled:")
        .await;
    assert!(told.contains(CANCELLED_ACCOUNT_DELETED), "{told}");
    assert!(told.contains("METHOD:CANCEL"), "{told}");
    // And the past one with a deleted account, still as it happened.
    let maya_past = bookings(&app, &maya, "past").await;
    assert_eq!(maya_past.len(), 1);
    assert_eq!(maya_past[0]["status"], "active");
    assert_eq!(maya_past[0]["client"]["full_name"], DELETED_ACCOUNT_NAME);
    assert_eq!(maya_past[0]["notes"], Value::Null);

    // What the database keeps of Sam: a tombstone.
    let (email, hash, name, deleted_at): (String, String, String, Option<i64>) = sqlx::query_as(
        "SELECT email, password_hash, full_name, deleted_at FROM users WHERE id = $1",
    )
    .bind(sam.id)
    .fetch_one(app.state.db.writer())
    .await
    .expect("the row stays");
    assert!(!email.contains("sam"), "{email}");
    assert_eq!(hash, "");
    assert_eq!(name, DELETED_ACCOUNT_NAME);
    assert!(deleted_at.is_some());
    for table in ["sessions", "verification_tokens", "password_reset_tokens"] {
        let left: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE user_id = $1"))
                .bind(sam.id)
                .fetch_one(app.state.db.writer())
                .await
                .expect("count");
        assert_eq!(left, 0, "{table}");
    }
    let mentions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM request_limit_hits WHERE subject = 'sam@example.com'",
    )
    .fetch_one(app.state.db.writer())
    .await
    .expect("count");
    assert_eq!(mentions, 0);
    let mail_to_sam: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outgoing_mail WHERE recipient = 'sam@example.com'",
    )
    .fetch_one(app.state.db.writer())
    .await
    .expect("count");
    assert_eq!(mail_to_sam, 0, "the queue keeps nothing addressed to Sam");

    // Nobody signs in as Sam any more; the address is free again.
    let login = app.login_from("192.0.2.9", &sam.email, PASSWORD).await;
    assert_eq!(login.status(), StatusCode::UNAUTHORIZED);
    let again = app.register("sam@example.com", "Sam Again").await;
    assert_eq!(again.status(), StatusCode::CREATED);
    // Maya is untouched.
    assert!(app.signed_in(&maya.cookie).await);
}

#[tokio::test]
async fn a_wrong_password_deletes_nothing() {
    let app = TestApp::new().await;
    let sam = person(&app, "sam@example.com", "Sam Lee", "client").await;
    let response = delete_account(&app, &sam, "not my password").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["fields"][0]["field"], "password");
    assert!(app.signed_in(&sam.cookie).await);
    let me = common::body_json(app.get(paths::AUTH_ME, Some(&sam.cookie)).await).await;
    assert_eq!(me["full_name"], "Sam Lee");
}

#[tokio::test]
async fn a_professional_deleting_the_account_cancels_bookings_and_leaves_the_directory() {
    let app = TestApp::new().await;
    let maya = person(&app, "maya@example.com", "Dr. Maya Okafor", "professional").await;
    let sam = person(&app, "sam@example.com", "Sam Lee", "client").await;
    let booked = slot(&app, &maya, start_time() + Duration::days(1)).await;
    let free = slot(&app, &maya, start_time() + Duration::days(2)).await;
    book(&app, &sam, booked).await;

    let response = delete_account(&app, &maya, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let sam_upcoming = bookings(&app, &sam, "upcoming").await;
    assert_eq!(sam_upcoming.len(), 1);
    assert_eq!(sam_upcoming[0]["status"], "cancelled");
    assert_eq!(
        sam_upcoming[0]["cancellation_reason"],
        CANCELLED_ACCOUNT_DELETED
    );
    assert_eq!(
        sam_upcoming[0]["professional"]["full_name"],
        DELETED_ACCOUNT_NAME
    );
    // Sam's own notes stay: only the deleted person's data is erased.
    assert_eq!(sam_upcoming[0]["notes"], "About my knee");

    let directory = common::body_json(app.get(paths::PROFESSIONALS, Some(&sam.cookie)).await).await;
    assert_eq!(directory, json!({"items": []}));
    // Neither the cancelled slot nor the free one can be booked.
    for slot_id in [booked, free] {
        let response = app
            .post(
                paths::BOOKINGS,
                json!({"slot_id": slot_id}),
                Some(&sam.cookie),
            )
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "slot {slot_id}");
    }
    let slots_left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM slots WHERE id = $1")
        .bind(free)
        .fetch_one(app.state.db.writer())
        .await
        .expect("count");
    assert_eq!(slots_left, 0, "the never-booked slot is gone");
}
