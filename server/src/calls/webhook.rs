//! `POST /api/livekit/webhook`: LiveKit tells who joined and left which
//! room.
//!
//! The request's `Authorization` header is a token signed with our API key
//! and secret whose `sha256` claim is the hash of the body; anything else
//! is refused before the body is looked at. Each event id is applied once:
//! LiveKit retries deliveries, and anyone who recorded a request can send
//! it again.

use super::presence::{self, Seen};
use super::webhook_repo;
use crate::db::{Db, WriteScope};
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use livekit_api::webhooks::WebhookError;
use livekit_protocol::WebhookEvent;
use tandem_api::ErrorCode;

/// How long event ids are kept for spotting replays. LiveKit's signature of
/// a delivery expires long before, so an older replay is refused anyway.
pub const REMEMBER_EVENTS: Duration = Duration::days(1);

/// Checks the signature of `body` and applies its event.
pub async fn receive(
    state: &AppState,
    authorization: Option<&str>,
    body: &[u8],
) -> Result<(), AppError> {
    let livekit = state.livekit.as_ref().ok_or_else(super::unavailable)?;
    // LiveKit sends the bare token; a `Bearer ` prefix is accepted too.
    let token = authorization
        .map(|value| value.trim())
        .map(|value| value.strip_prefix("Bearer ").unwrap_or(value))
        .filter(|token| !token.is_empty())
        .ok_or_else(|| bad_signature("no Authorization header"))?;
    let body = std::str::from_utf8(body)
        .map_err(|_| AppError::BadRequest("The webhook body is not UTF-8 text.".into()))?;
    let event = livekit
        .receive_webhook(body, token)
        .map_err(|error| match error {
            WebhookError::InvalidData(error) => {
                tracing::warn!(%error, "webhook: a signed body that is not a LiveKit event");
                AppError::BadRequest("The webhook body is not a LiveKit event.".into())
            }
            other => bad_signature(&other.to_string()),
        })?;
    crate::metrics::webhook_received(&event.event);
    apply(&state.db, &event, state.clock.now()).await
}

fn bad_signature(why: &str) -> AppError {
    tracing::warn!(why, "webhook: refused");
    AppError::Coded(
        ErrorCode::Unauthorized,
        "The webhook signature is missing or does not match the body.".into(),
    )
}

/// Applies a verified event once: a replayed event id changes nothing.
async fn apply(db: &Db, event: &WebhookEvent, now: DateTime<Utc>) -> Result<(), AppError> {
    let room = event
        .room
        .as_ref()
        .map(|room| room.name.as_str())
        .unwrap_or_default();
    let mut tx = db.begin_write(WriteScope::Room(room)).await?;
    if !event.id.is_empty()
        && !webhook_repo::remember(&mut tx, &event.id, &event.event, now).await?
    {
        tracing::debug!(id = %event.id, "webhook: replayed event ignored");
        return Ok(());
    }
    let known = webhook_repo::mark_event(&mut tx, room, now).await?;
    // Rooms that are not a booking's (another app on the same LiveKit).
    if known {
        let at = if event.created_at > 0 {
            event.created_at
        } else {
            now.timestamp()
        };
        let participant = event.participant.as_ref().map(Seen::from);
        match (event.event.as_str(), participant) {
            ("participant_joined", Some(who)) => presence::joined(&mut tx, room, &who, at).await?,
            ("participant_left" | "participant_connection_aborted", Some(who)) => {
                presence::left(&mut tx, room, &who, at).await?;
            }
            ("room_finished", _) => presence::room_finished(&mut tx, room, at).await?,
            _ => {}
        }
    }
    tx.commit().await?;
    Ok(())
}
