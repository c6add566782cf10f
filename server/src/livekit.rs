//! The LiveKit server: its RoomService API, and the credentials that sign
//! requests and access tokens for it.

use crate::config::LiveKitConfig;
use livekit_api::services::room::RoomClient;
use livekit_api::services::ServiceError;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;

/// How long a health check waits for LiveKit.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Error)]
pub enum LiveKitError {
    #[error("LiveKit did not answer within {} s", CHECK_TIMEOUT.as_secs())]
    Timeout,
    #[error("LiveKit request failed: {0}")]
    Service(#[from] ServiceError),
}

#[derive(Debug, Clone)]
pub struct LiveKit {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: LiveKitConfig,
    rooms: RoomClient,
}

impl LiveKit {
    pub fn new(config: LiveKitConfig) -> Self {
        let rooms =
            RoomClient::with_api_key(&config.url, &config.api_key, config.api_secret.expose());
        Self {
            inner: Arc::new(Inner { config, rooms }),
        }
    }

    pub fn config(&self) -> &LiveKitConfig {
        &self.inner.config
    }

    /// The RoomService API, authenticated with the configured key.
    pub fn rooms(&self) -> &RoomClient {
        &self.inner.rooms
    }

    /// Lists rooms: proves that LiveKit answers and accepts our key and
    /// secret.
    pub async fn check(&self) -> Result<(), LiveKitError> {
        match tokio::time::timeout(CHECK_TIMEOUT, self.rooms().list_rooms(Vec::new())).await {
            Ok(Ok(_rooms)) => Ok(()),
            Ok(Err(error)) => Err(error.into()),
            Err(_elapsed) => Err(LiveKitError::Timeout),
        }
    }
}
