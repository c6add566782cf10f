//! What every handler can reach.

use crate::config::Config;
use crate::livekit::LiveKit;
use sqlx::SqlitePool;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: SqlitePool,
    /// `None` when video calls are not configured.
    pub livekit: Option<LiveKit>,
}

impl AppState {
    pub fn new(config: Config, db: SqlitePool) -> Self {
        let livekit = config.livekit.clone().map(LiveKit::new);
        Self {
            config: Arc::new(config),
            db,
            livekit,
        }
    }
}
