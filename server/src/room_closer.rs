//! The periodic task that closes the LiveKit rooms of cancelled and ended
//! bookings (see `calls::closing`); every server process may run it.

use crate::calls::closing;
use crate::state::AppState;
use std::time::Duration;

/// How often the task looks for rooms to close.
pub const INTERVAL: Duration = Duration::from_secs(60);

/// Runs forever; returns at once when calls are not configured.
pub async fn run(state: AppState) {
    if state.livekit.is_none() {
        return;
    }
    let mut ticks = tokio::time::interval(INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match closing::close_due(&state).await {
            Ok(0) => {}
            Ok(closed) => {
                tracing::info!(closed, "closed call rooms of past and cancelled sessions")
            }
            Err(error) => tracing::warn!(%error, "cannot look for call rooms to close"),
        }
    }
}
