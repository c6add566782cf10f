//! `POST /api/livekit/webhook`: LiveKit tells who joined and left which
//! room.
//!
//! The request's `Authorization` header is a token signed with our API key
//! and secret whose `sha256` claim is the hash of the body; anything else
//! is refused before the body is looked at. Each event id is applied once:
//! LiveKit retries deliveries, and anyone who recorded a request can send
//! it again.

use super::presence::{self, Seen};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
use livekit_api::webhooks::WebhookError;
use livekit_protocol::WebhookEvent;
use sqlx::SqliteConnection;
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
async fn apply(
    db: &sqlx::SqlitePool,
    event: &WebhookEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = db::begin_immediate(db).await?;
    if !event.id.is_empty() && !remember(&mut tx, event, now).await? {
        tracing::debug!(id = %event.id, "webhook: replayed event ignored");
        return Ok(());
    }
    let room = event
        .room
        .as_ref()
        .map(|room| room.name.as_str())
        .unwrap_or_default();
    let known = sqlx::query("UPDATE call_rooms SET last_event_at = ? WHERE room_name = ?")
        .bind(now.timestamp())
        .bind(room)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
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

/// Records the event id; whether it is new. Forgets ids older than
/// [`REMEMBER_EVENTS`].
async fn remember(
    db: &mut SqliteConnection,
    event: &WebhookEvent,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM livekit_webhook_events WHERE received_at < ?")
        .bind((now - REMEMBER_EVENTS).timestamp())
        .execute(&mut *db)
        .await?;
    let inserted = sqlx::query(
        "INSERT INTO livekit_webhook_events (id, event, received_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(&event.id)
    .bind(&event.event)
    .bind(now.timestamp())
    .execute(&mut *db)
    .await?;
    Ok(inserted.rows_affected() == 1)
}
