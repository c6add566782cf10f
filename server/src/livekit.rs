//! The LiveKit server: its RoomService API, the credentials that sign
//! requests and access tokens for it, and the check of its webhooks. Each
//! API call is counted in the metrics (`crate::metrics`).

use crate::config::LiveKitConfig;
use livekit_api::access_token::TokenVerifier;
use livekit_api::services::room::{CreateRoomOptions, RoomClient};
use livekit_api::services::{ServerError, ServerErrorCode, ServiceError};
use livekit_api::webhooks::{WebhookError, WebhookReceiver};
use livekit_protocol::{ParticipantInfo, WebhookEvent};
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;

/// How long a health check, or a look at a room's participants, waits for
/// LiveKit.
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
    webhooks: WebhookReceiver,
}

impl LiveKit {
    pub fn new(config: LiveKitConfig) -> Self {
        let secret = config.api_secret.expose();
        let rooms = RoomClient::with_api_key(&config.url, &config.api_key, secret);
        let webhooks = WebhookReceiver::new(TokenVerifier::with_api_key(&config.api_key, secret));
        Self {
            inner: Arc::new(Inner {
                config,
                rooms,
                webhooks,
            }),
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
        let result =
            match tokio::time::timeout(CHECK_TIMEOUT, self.rooms().list_rooms(Vec::new())).await {
                Ok(Ok(_rooms)) => Ok(()),
                Ok(Err(error)) => Err(error.into()),
                Err(_elapsed) => Err(LiveKitError::Timeout),
            };
        crate::metrics::livekit_call("list_rooms", result.is_ok());
        result
    }

    /// The participants in the room right now; `None` when LiveKit has no
    /// such room (nobody joined yet, or everyone left and it was closed).
    pub async fn participants(
        &self,
        room: &str,
    ) -> Result<Option<Vec<ParticipantInfo>>, LiveKitError> {
        let result =
            match tokio::time::timeout(CHECK_TIMEOUT, self.rooms().list_participants(room)).await {
                Ok(Ok(participants)) => Ok(Some(participants)),
                Ok(Err(ServiceError::Twirp(ServerError::Twirp(error))))
                    if error.code == ServerErrorCode::NOT_FOUND =>
                {
                    Ok(None)
                }
                Ok(Err(error)) => Err(error.into()),
                Err(_elapsed) => Err(LiveKitError::Timeout),
            };
        crate::metrics::livekit_call("list_participants", result.is_ok());
        result
    }

    /// Creates the room, or leaves it as it is if it exists: LiveKit's
    /// CreateRoom is idempotent.
    pub async fn create_room(
        &self,
        room: &str,
        options: CreateRoomOptions,
    ) -> Result<(), LiveKitError> {
        let result = match tokio::time::timeout(
            CHECK_TIMEOUT,
            self.rooms().create_room(room, options),
        )
        .await
        {
            Ok(Ok(_room)) => Ok(()),
            Ok(Err(error)) => Err(error.into()),
            Err(_elapsed) => Err(LiveKitError::Timeout),
        };
        crate::metrics::livekit_call("create_room", result.is_ok());
        result
    }

    /// Deletes the room, disconnecting whoever is in it; a room LiveKit does
    /// not have (never made, closed already) counts as deleted.
    pub async fn delete_room(&self, room: &str) -> Result<(), LiveKitError> {
        let result = match tokio::time::timeout(CHECK_TIMEOUT, self.rooms().delete_room(room)).await
        {
            Ok(Ok(())) => Ok(()),
            Ok(Err(ServiceError::Twirp(ServerError::Twirp(error))))
                if error.code == ServerErrorCode::NOT_FOUND =>
            {
                Ok(())
            }
            Ok(Err(error)) => Err(error.into()),
            Err(_elapsed) => Err(LiveKitError::Timeout),
        };
        crate::metrics::livekit_call("delete_room", result.is_ok());
        result
    }

    /// The event of a webhook request, if `authorization` (the request's
    /// `Authorization` header) is a token signed with our key and secret
    /// whose `sha256` claim is the hash of exactly this `body`.
    pub fn receive_webhook(
        &self,
        body: &str,
        authorization: &str,
    ) -> Result<WebhookEvent, WebhookError> {
        self.inner.webhooks.receive(body, authorization)
    }
}
