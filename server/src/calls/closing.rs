//! The life of a booking's LiveKit room as the server runs it: made with
//! room for the two people before a token for it is handed out, and
//! deleted (everyone in it disconnected) when the booking is cancelled or
//! [`END_GRACE`] after it ended.

use super::closing_repo::{self, OpenRoom};
use crate::error::AppError;
use crate::livekit::LiveKit;
use crate::state::AppState;
use chrono::Duration;
use livekit_api::services::room::CreateRoomOptions;
use tandem_api::validation::CALL_TOKEN_TTL_SECONDS;
use tandem_api::BookingId;

/// A booking's call: its client and its professional.
pub const MAX_PARTICIPANTS: u32 = 2;

/// How long after its end a session's room stays open, so that a call
/// running a little late is not cut off on the minute.
pub const END_GRACE: Duration = Duration::minutes(10);

/// Rooms closed per pass of [`close_due`].
pub const BATCH: i64 = 50;

/// The room's settings: at most two participants; kept while nobody has
/// joined for as long as a fresh token is valid, so it is still there, with
/// these settings, when its holder connects.
pub fn room_options() -> CreateRoomOptions {
    CreateRoomOptions {
        max_participants: MAX_PARTICIPANTS,
        empty_timeout: u32::try_from(CALL_TOKEN_TTL_SECONDS).unwrap_or(600),
        ..CreateRoomOptions::default()
    }
}

/// Makes sure LiveKit has the room with [`room_options`]; 503
/// `calls_unavailable` when LiveKit cannot be reached.
pub async fn open(livekit: &LiveKit, room: &str) -> Result<(), AppError> {
    livekit
        .create_room(room, room_options())
        .await
        .map_err(|error| {
            tracing::warn!(%error, "cannot create a call room in LiveKit");
            AppError::Coded(
                tandem_api::ErrorCode::CallsUnavailable,
                "The video service cannot be reached right now: try again in a moment.".into(),
            )
        })
}

/// Right after a cancellation is committed: deletes the booking's room, if
/// it has one. When LiveKit cannot be reached this only logs; the periodic
/// [`close_due`] tries again.
pub async fn close_after_cancel(state: &AppState, booking: BookingId) {
    let Some(livekit) = &state.livekit else {
        return;
    };
    match closing_repo::open_room_of(state.db.reader(), booking).await {
        Ok(Some(room)) => {
            if let Err(error) = close(state, livekit, &room).await {
                tracing::warn!(
                    booking = booking.0,
                    %error,
                    "cannot close the call room of a cancelled booking yet; will retry"
                );
            }
        }
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "cannot read the call room of a cancelled booking"),
    }
}

/// One pass over the rooms to close: those of cancelled bookings, and of
/// bookings that ended [`END_GRACE`] ago or more. Several processes may run
/// it at once: deleting a room twice is harmless, and a room recorded as
/// closed is not looked at again. How many rooms it closed.
pub async fn close_due(state: &AppState) -> Result<usize, AppError> {
    let Some(livekit) = &state.livekit else {
        return Ok(0);
    };
    let now = state.clock.now();
    let due = closing_repo::due(state.db.reader(), now - END_GRACE, BATCH).await?;
    let mut closed = 0;
    for room in &due {
        match close(state, livekit, room).await {
            Ok(()) => closed += 1,
            Err(CloseError::LiveKit(error)) => {
                // LiveKit is down: the rest would fail the same way.
                tracing::warn!(%error, "cannot close call rooms now; will retry");
                break;
            }
            Err(CloseError::Database(error)) => return Err(error.into()),
        }
    }
    Ok(closed)
}

#[derive(Debug, thiserror::Error)]
enum CloseError {
    #[error(transparent)]
    LiveKit(#[from] crate::livekit::LiveKitError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

async fn close(state: &AppState, livekit: &LiveKit, room: &OpenRoom) -> Result<(), CloseError> {
    livekit.delete_room(&room.room_name).await?;
    closing_repo::mark_closed(state.db.writer(), &room.room_name, state.clock.now()).await?;
    tracing::info!(booking = room.booking_id, "closed the call room");
    Ok(())
}

/// After the room was opened for a token: if the booking was cancelled in
/// the meantime, deletes the room again and says so (the token must not be
/// handed out).
pub async fn still_active_after_open(
    state: &AppState,
    livekit: &LiveKit,
    booking: BookingId,
) -> Result<bool, AppError> {
    if crate::bookings::repo::is_active(state.db.reader(), booking).await? {
        return Ok(true);
    }
    if let Ok(Some(room)) = closing_repo::open_room_of(state.db.reader(), booking).await {
        if let Err(error) = close(state, livekit, &room).await {
            tracing::warn!(%error, "cannot close the room of a booking cancelled meanwhile");
        }
    }
    Ok(false)
}
