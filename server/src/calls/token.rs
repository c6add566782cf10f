//! LiveKit access tokens for a booking's room.

use crate::config::LiveKitConfig;
use chrono::{DateTime, Utc};
use livekit_api::access_token::{AccessToken, AccessTokenError, TokenVerifier, VideoGrants};
use std::time::Duration;
use tandem_api::auth::Role;
use tandem_api::calls::ParticipantMetadata;
use tandem_api::validation::CALL_TOKEN_TTL_SECONDS;
use tandem_api::UserId;

/// What a participant may publish: what the call page sends, their camera
/// and microphone, and a shared screen with its sound.
pub const PUBLISH_SOURCES: [&str; 4] =
    ["camera", "microphone", "screen_share", "screen_share_audio"];

/// Who the token is for.
#[derive(Debug, Clone, Copy)]
pub struct Holder<'a> {
    pub id: UserId,
    pub full_name: &'a str,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub struct Minted {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// A token that lets `holder` join `room` and nothing else: publish their
/// camera and microphone, subscribe, and send data; no room
/// administration. Valid for [`CALL_TOKEN_TTL_SECONDS`].
pub fn mint(
    config: &LiveKitConfig,
    room: &str,
    holder: Holder<'_>,
) -> Result<Minted, AccessTokenError> {
    let metadata = serde_json::to_string(&ParticipantMetadata { role: holder.role })
        .map_err(|_| AccessTokenError::InvalidClaims("participant metadata"))?;
    // Every permission is spelled out: the crate's defaults are generous
    // (publish, subscribe and data are allowed when left unset).
    let grants = VideoGrants {
        room_join: true,
        room: room.to_owned(),
        can_publish: Some(true),
        can_publish_sources: PUBLISH_SOURCES.map(str::to_owned).to_vec(),
        can_subscribe: Some(true),
        can_publish_data: Some(true),
        can_update_own_metadata: Some(false),
        room_create: false,
        room_list: false,
        room_record: false,
        room_admin: false,
        ingress_admin: false,
        hidden: false,
        recorder: false,
        agent: false,
        destination_room: String::new(),
    };
    let secret = config.api_secret.expose();
    let token = AccessToken::with_api_key(&config.api_key, secret)
        .with_identity(&holder.id.to_string())
        .with_name(holder.full_name)
        .with_metadata(&metadata)
        .with_grants(grants)
        .with_ttl(Duration::from_secs(CALL_TOKEN_TTL_SECONDS.unsigned_abs()))
        .to_jwt()?;
    // The crate stamps the expiry from the system clock: read it back
    // rather than guess it.
    let claims = TokenVerifier::with_api_key(&config.api_key, secret).verify(&token)?;
    let expires_at = i64::try_from(claims.exp)
        .ok()
        .and_then(|exp| DateTime::from_timestamp(exp, 0))
        .ok_or(AccessTokenError::InvalidClaims("expiry out of range"))?;
    Ok(Minted { token, expires_at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;

    fn config() -> LiveKitConfig {
        LiveKitConfig {
            url: "ws://127.0.0.1:7880".into(),
            api_key: "devkey".into(),
            api_secret: Secret::new("a-test-secret-that-is-long-enough-0123"),
        }
    }

    #[test]
    fn the_token_joins_one_room_for_ten_minutes() {
        let holder = Holder {
            id: UserId(7),
            full_name: "Ada Lovelace",
            role: Role::Client,
        };
        let before = Utc::now().timestamp();
        let minted = mint(&config(), "room-abcdefghijklmnop", holder).unwrap();
        let after = Utc::now().timestamp();
        let claims =
            TokenVerifier::with_api_key("devkey", "a-test-secret-that-is-long-enough-0123")
                .verify(&minted.token)
                .unwrap();
        assert_eq!(claims.sub, "7");
        assert_eq!(claims.name, "Ada Lovelace");
        assert_eq!(claims.metadata, r#"{"role":"client"}"#);
        assert_eq!(claims.video.room, "room-abcdefghijklmnop");
        assert!(claims.video.room_join);
        assert!(!claims.video.room_admin && !claims.video.room_create && !claims.video.room_list);
        assert_eq!(claims.video.can_publish_sources, PUBLISH_SOURCES.to_vec());
        // Ten minutes from when it was minted, between the two readings.
        let exp = minted.expires_at.timestamp();
        assert_eq!(i64::try_from(claims.exp).unwrap(), exp);
        assert!(exp - after <= CALL_TOKEN_TTL_SECONDS, "{exp} {after}");
        assert!(exp - before >= CALL_TOKEN_TTL_SECONDS, "{exp} {before}");
    }
}
