//! The periodic removal of rows that no longer mean anything: sessions
//! past their lifetime or idle timeout, sign-in attempts out of the
//! throttling window, expired trusted devices, and request-limit hits
//! older than any limit's window.
//!
//! Every server process runs it. That is safe: each step is one `DELETE`
//! of rows that are expired by their own times, so two processes at once
//! only queue for the database's write lock, and the second finds nothing
//! left.
//! A step that fails (a busy database) is logged and tried again at the
//! next round; the lookups never trust an expired row meanwhile.

use crate::auth::{device, session, throttle};
use crate::clock::{Clock, SystemClock};
use crate::db::Db;
use crate::request_limit;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use tokio::task::JoinHandle;

/// How often each process cleans up.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// What one round removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub sessions: u64,
    pub login_attempts: u64,
    pub trusted_devices: u64,
    pub request_limit_hits: u64,
}

/// Starts cleaning up now and every [`INTERVAL`], with sessions idle for
/// `session_idle_timeout` counting as expired.
pub fn spawn(db: Db, session_idle_timeout: std::time::Duration) -> JoinHandle<()> {
    spawn_with(db, session_idle_timeout, INTERVAL, Arc::new(SystemClock))
}

/// [`spawn`] with its own interval and clock.
pub fn spawn_with(
    db: Db,
    session_idle_timeout: std::time::Duration,
    interval: std::time::Duration,
    clock: Arc<dyn Clock>,
) -> JoinHandle<()> {
    let idle = Duration::from_std(session_idle_timeout).unwrap_or(session::LIFETIME);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if db.is_closed() {
                return;
            }
            match run_once(&db, clock.now(), idle).await {
                Ok(removed) if removed != Removed::default() => {
                    tracing::debug!(?removed, "removed expired rows");
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "cleanup of expired rows failed; retrying later")
                }
            }
        }
    })
}

/// One round: removes every expired row as of `now`.
pub async fn run_once(
    db: &Db,
    now: DateTime<Utc>,
    session_idle_timeout: Duration,
) -> Result<Removed, sqlx::Error> {
    Ok(Removed {
        sessions: session::remove_all_expired(db.writer(), now, session_idle_timeout).await?,
        login_attempts: throttle::remove_expired(db, now).await?,
        trusted_devices: device::remove_expired(db.writer(), now).await?,
        request_limit_hits: request_limit::remove_older_than(
            db,
            now - request_limit::LONGEST_WINDOW,
        )
        .await?,
    })
}
