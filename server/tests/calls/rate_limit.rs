//! At most 30 call tokens per user in any rolling hour, counted in the
//! database.

use super::common;
use super::support::{assert_refused, session_start, TestApp};
use chrono::Duration;
use tandem_api::validation::CALL_TOKENS_PER_HOUR;
use tandem_server::calls::rate_limit;
use tandem_server::db;

#[tokio::test]
async fn the_31st_token_in_an_hour_waits_for_the_oldest_to_leave_the_window() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;

    // 09:50: one token; 09:51: twenty-nine more.
    app.set_time(session_start() - Duration::minutes(10));
    app.credentials(booking.id, &ada).await;
    app.advance(Duration::minutes(1));
    for _ in 1..CALL_TOKENS_PER_HOUR {
        app.credentials(booking.id, &ada).await;
    }

    // 09:52: the 31st waits until 10:50, when the 09:50 one is an hour old.
    app.advance(Duration::minutes(1));
    let response = app.call(booking.id, Some(&ada)).await;
    assert_eq!(common::header(&response, "retry-after"), "3480");
    let error = assert_refused(response, 429, "rate_limited").await;
    assert_eq!(
        error["message"],
        "Too many call attempts. Try again in 58 minutes."
    );
    assert_eq!(error["retry_after_seconds"], 3480);

    // The other person of the booking has their own allowance.
    app.credentials(booking.id, &pro).await;

    // 10:50: one slot is free again, and only one.
    app.advance(Duration::seconds(3480));
    app.credentials(booking.id, &ada).await;
    let response = app.call(booking.id, Some(&ada)).await;
    assert_eq!(common::header(&response, "retry-after"), "60");
    let error = assert_refused(response, 429, "rate_limited").await;
    assert_eq!(
        error["message"],
        "Too many call attempts. Try again in 1 minute."
    );
}

#[tokio::test]
async fn refused_requests_are_not_counted() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    let next_session = session_start() + Duration::hours(1);
    let next = app.booking_at(&ada, &pro, next_session).await;
    app.set_time(session_start());
    for _ in 0..CALL_TOKENS_PER_HOUR {
        app.credentials(booking.id, &ada).await;
    }
    for _ in 0..5 {
        assert_refused(app.call(booking.id, Some(&ada)).await, 429, "rate_limited").await;
    }
    assert_eq!(
        app.count("call_token_grants").await,
        i64::from(CALL_TOKENS_PER_HOUR)
    );

    // An hour after the first grants, all of them have left the window
    // (the limit is per person, whatever the booking).
    app.set_time(next_session);
    for _ in 0..CALL_TOKENS_PER_HOUR {
        app.credentials(next.id, &ada).await;
    }
    assert_refused(app.call(next.id, Some(&ada)).await, 429, "rate_limited").await;
}

/// Two server processes share the database: the limit holds across them,
/// even when their requests race.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_limit_holds_across_processes_sharing_the_database() {
    let app = TestApp::new().await;
    let pro = app.professional("Maya Pro").await;
    let ada = app.client("Ada Client").await;
    let booking = app.booking(&ada, &pro).await;
    app.set_time(session_start());

    // A second pool on the same database stands for a second process.
    let second = db::Db::open(&app.state.config.database)
        .await
        .expect("second pool");
    let now = app.now();
    let user = ada.id;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..40 {
        let pool = if i % 2 == 0 {
            app.state.db.clone()
        } else {
            second.clone()
        };
        tasks.spawn(async move {
            let mut tx = pool
                .begin_write(db::WriteScope::User(user.0))
                .await
                .expect("write lock");
            let granted = rate_limit::take(&mut tx, user, now).await.is_ok();
            tx.commit().await.expect("commit");
            granted
        });
    }
    let mut granted = 0;
    while let Some(result) = tasks.join_next().await {
        if result.expect("task") {
            granted += 1;
        }
    }
    assert_eq!(granted, CALL_TOKENS_PER_HOUR);
    assert_refused(app.call(booking.id, Some(&ada)).await, 429, "rate_limited").await;
}
