//! `POST /api/bookings/{id}/call`: the credentials and what the token
//! allows, read back with LiveKit's own verifier.

use super::common;
use super::support::{session_start, TestApp, API_KEY, API_SECRET};
use chrono::{Duration, Utc};
use livekit_api::access_token::{Claims, TokenVerifier};
use tandem_api::auth::Role;
use tandem_api::calls::CallCredentials;
use tandem_api::validation::CALL_TOKEN_TTL_SECONDS;

fn claims(credentials: &CallCredentials) -> Claims {
    TokenVerifier::with_api_key(API_KEY, API_SECRET)
        .verify(&credentials.token)
        .expect("a token signed with our key and secret")
}

#[tokio::test]
async fn both_people_get_a_ten_minute_token_for_the_same_room() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start() - Duration::minutes(10));

    let before = Utc::now().timestamp();
    let for_ada = app.credentials(booking.id, &ada).await;
    let for_pro = app.credentials(booking.id, &pro).await;
    let after = Utc::now().timestamp();

    let room = app.room_name(booking.id).await;
    assert_eq!(for_ada.room_name, room);
    assert_eq!(for_pro.room_name, room);
    assert_ne!(
        room,
        booking.id.to_string(),
        "the room name is not the booking id"
    );
    assert!(room.len() >= 22, "{room}");

    for (credentials, person, role) in [
        (&for_ada, &ada, Role::Client),
        (&for_pro, &pro, Role::Professional),
    ] {
        assert_eq!(credentials.identity, person.id.to_string());
        assert_eq!(credentials.role, role);
        assert!(
            credentials.livekit_url.starts_with("ws://127.0.0.1:"),
            "{}",
            credentials.livekit_url
        );

        let claims = claims(credentials);
        assert_eq!(claims.sub, person.id.to_string());
        assert_eq!(claims.name, person.name);
        let metadata: serde_json::Value =
            serde_json::from_str(&claims.metadata).expect("JSON metadata");
        assert_eq!(metadata, serde_json::json!({"role": role.as_str()}));

        let video = &claims.video;
        assert_eq!(video.room, room);
        assert!(video.room_join);
        assert_eq!(video.can_publish, Some(true));
        assert_eq!(video.can_subscribe, Some(true));
        assert_eq!(video.can_publish_data, Some(true));
        // What the call page publishes, and nothing else.
        assert_eq!(
            video.can_publish_sources,
            ["camera", "microphone", "screen_share", "screen_share_audio"]
        );
        assert!(!video.room_admin && !video.room_create && !video.room_list && !video.room_record);
        assert!(!video.hidden && !video.recorder && !video.agent && !video.ingress_admin);
        assert_eq!(video.can_update_own_metadata, Some(false));

        // Ten minutes from when it was minted, between the two readings.
        let exp = i64::try_from(claims.exp).expect("expiry fits");
        assert!(
            exp - after <= CALL_TOKEN_TTL_SECONDS,
            "exp {exp}, after {after}"
        );
        assert!(
            exp - before >= CALL_TOKEN_TTL_SECONDS,
            "exp {exp}, before {before}"
        );
        assert_eq!(credentials.expires_at.timestamp(), exp);
    }
}

#[tokio::test]
async fn the_setup_check_joins_the_same_room_hidden_under_another_identity() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start() - Duration::minutes(10));

    let credentials = app.credentials(booking.id, &ada).await;
    let check = TokenVerifier::with_api_key(API_KEY, API_SECRET)
        .verify(&credentials.setup_check_token)
        .expect("a setup-check token signed with our key and secret");
    // Not the person's identity: LiveKit would disconnect their own call
    // in another tab (DUPLICATE_IDENTITY).
    assert_eq!(check.sub, format!("{}-setup-check", ada.id));
    assert_ne!(check.sub, credentials.identity);
    let video = &check.video;
    assert_eq!(video.room, credentials.room_name);
    assert!(
        video.room_join && video.hidden,
        "joins, unseen by the other"
    );
    assert_eq!(video.can_subscribe, Some(true));
    assert_eq!(video.can_publish, Some(false));
    assert!(video.can_publish_sources.is_empty());
    assert_eq!(video.can_publish_data, Some(false));
    assert!(!video.room_admin && !video.room_create && !video.room_list && !video.room_record);
    // Minted with the call's token, so it lasts as long (to the second).
    let check_exp = i64::try_from(check.exp).expect("expiry fits");
    assert!(
        (check_exp - credentials.expires_at.timestamp()).abs() <= 1,
        "{check_exp} vs {}",
        credentials.expires_at
    );
}

#[tokio::test]
async fn each_booking_has_its_own_room_and_keeps_it() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let bob = app.client("Bob Client").await;
    let first = app.booking(&ada, &pro).await;
    let second = app
        .booking_at(&bob, &pro, session_start() + Duration::hours(2))
        .await;

    app.set_time(session_start());
    let room_of_first = app.credentials(first.id, &ada).await.room_name;
    app.set_time(session_start() + Duration::hours(2));
    let room_of_second = app.credentials(second.id, &bob).await.room_name;
    assert_ne!(room_of_first, room_of_second);

    app.set_time(session_start() + Duration::minutes(30));
    assert_eq!(
        app.credentials(first.id, &pro).await.room_name,
        room_of_first
    );
    assert_eq!(app.count("call_rooms").await, 2);
}

#[tokio::test]
async fn credentials_are_not_cached() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start());

    let response = app.call(booking.id, Some(&ada)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(common::header(&response, "cache-control"), "no-store");
}
