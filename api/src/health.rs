//! `GET /api/health`, and the load balancer's `GET /api/health/live` and
//! `GET /api/health/ready`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OverallStatus {
    /// Everything the server needs answers.
    Ok,
    /// Something it needs does not answer (the response status is 503).
    Degraded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComponentStatus {
    Up,
    Down,
    /// Not configured, so not checked (LiveKit without credentials).
    Disabled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: OverallStatus,
    pub database: ComponentStatus,
    pub livekit: ComponentStatus,
}

/// `GET /api/health/live`: the process serves requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LiveStatus {
    Live,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Liveness {
    pub status: LiveStatus,
}

/// `GET /api/health/ready`: whether this process can take traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadyStatus {
    /// The database answers (the response status is 200).
    Ready,
    /// The database does not answer (the response status is 503).
    NotReady,
}

/// Readiness depends on the database only: booking works without LiveKit,
/// so LiveKit's state is reported but never makes the server unready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Readiness {
    pub status: ReadyStatus,
    pub database: ComponentStatus,
    pub livekit: ComponentStatus,
}
