//! Joining a booking's video call and watching its room.

use crate::auth::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/bookings/{id}/call` → 200: what the browser needs to join
/// the LiveKit room of the booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallCredentials {
    /// WebSocket URL of the LiveKit server (`ws://…` or `wss://…`).
    pub livekit_url: String,
    /// LiveKit access token (a JWT), valid until `expires_at`.
    pub token: String,
    pub room_name: String,
    /// The participant identity inside the room (the user id).
    pub identity: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    /// A token for the pre-join connection check ("Test your setup"),
    /// valid as long as `token`: a hidden participant of its own identity
    /// (`{identity}-setup-check`) that may join and subscribe, nothing
    /// more. So the check neither shows in the room nor disconnects the
    /// person's own call in another tab.
    pub setup_check_token: String,
}

/// The metadata of a participant in a booking's LiveKit room, as JSON
/// (`{"role":"client"}`): set by the server in the access token, so the
/// other side can tell who is who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantMetadata {
    pub role: Role,
}

/// Someone currently in the booking's room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomParticipant {
    pub identity: String,
    pub name: String,
    pub role: Role,
}

/// One of the booking's two people said they are running a few minutes
/// late (`POST /api/bookings/{id}/running-late`) and has not joined yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunningLate {
    pub role: Role,
    /// When they last said so.
    pub since: DateTime<Utc>,
}

/// `GET /api/bookings/{id}/room` → 200.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomStatus {
    pub active: bool,
    pub participants: Vec<RoomParticipant>,
    /// Those of the two who said they are running late and are not in the
    /// room (yet).
    #[serde(default)]
    pub running_late: Vec<RunningLate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participant_metadata_is_a_role_object() {
        let metadata = ParticipantMetadata {
            role: Role::Professional,
        };
        let json = serde_json::to_string(&metadata).unwrap();
        assert_eq!(json, r#"{"role":"professional"}"#);
        assert_eq!(
            serde_json::from_str::<ParticipantMetadata>(r#"{"role":"client"}"#).unwrap(),
            ParticipantMetadata { role: Role::Client }
        );
    }
}
