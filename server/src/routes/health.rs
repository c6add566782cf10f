//! `GET /api/health`: whether the database and LiveKit answer right now.

use crate::db::Db;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use std::time::Duration;
use tandem_api::health::{ComponentStatus, Health, OverallStatus};

/// How long the database may take to answer `SELECT 1`.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let livekit = async {
        match &state.livekit {
            None => ComponentStatus::Disabled,
            Some(livekit) => match livekit.check().await {
                Ok(()) => ComponentStatus::Up,
                Err(error) => {
                    tracing::warn!(%error, "health: LiveKit is down");
                    ComponentStatus::Down
                }
            },
        }
    };
    let (database, livekit) = tokio::join!(check_database(&state.db), livekit);

    let degraded = database == ComponentStatus::Down || livekit == ComponentStatus::Down;
    let (status, overall) = if degraded {
        (StatusCode::SERVICE_UNAVAILABLE, OverallStatus::Degraded)
    } else {
        (StatusCode::OK, OverallStatus::Ok)
    };
    let body = Health {
        status: overall,
        database,
        livekit,
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body))
}

async fn check_database(db: &Db) -> ComponentStatus {
    let query = db.ping();
    match tokio::time::timeout(DATABASE_TIMEOUT, query).await {
        Ok(Ok(())) => ComponentStatus::Up,
        Ok(Err(error)) => {
            tracing::warn!(%error, "health: the database is down");
            ComponentStatus::Down
        }
        Err(_elapsed) => {
            tracing::warn!("health: the database did not answer in time");
            ComponentStatus::Down
        }
    }
}
