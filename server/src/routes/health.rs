//! `GET /api/health`: whether the database and LiveKit answer right now;
//! `GET /api/health/live` and `GET /api/health/ready` for load balancers.

use crate::db::Db;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use std::time::Duration;
use tandem_api::health::{
    ComponentStatus, Health, LiveStatus, Liveness, OverallStatus, Readiness, ReadyStatus,
};

/// How long the database may take to answer `SELECT 1`.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

const NO_STORE: [(header::HeaderName, &str); 1] = [(header::CACHE_CONTROL, "no-store")];

pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let (database, livekit) = tokio::join!(check_database(&state.db), check_livekit(&state));

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
    (status, NO_STORE, Json(body))
}

/// 200 whenever the process answers at all; asks nothing else.
pub async fn live() -> impl IntoResponse {
    let body = Liveness {
        status: LiveStatus::Live,
    };
    (NO_STORE, Json(body))
}

/// 200 when the database answers within [`DATABASE_TIMEOUT`], 503 when it
/// does not. LiveKit is reported, but booking works without it, so a
/// LiveKit that is down leaves the server ready.
pub async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let (database, livekit) = tokio::join!(check_database(&state.db), check_livekit(&state));
    let (status, ready) = if database == ComponentStatus::Up {
        (StatusCode::OK, ReadyStatus::Ready)
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, ReadyStatus::NotReady)
    };
    let body = Readiness {
        status: ready,
        database,
        livekit,
    };
    (status, NO_STORE, Json(body))
}

async fn check_livekit(state: &AppState) -> ComponentStatus {
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
