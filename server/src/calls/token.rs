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
/// camera, microphone and a shared screen, subscribe, and send data; no
/// room administration. Valid for [`CALL_TOKEN_TTL_SECONDS`].
pub fn mint(
    config: &LiveKitConfig,
    room: &str,
    holder: Holder<'_>,
) -> Result<Minted, AccessTokenError> {
    let grants = VideoGrants {
        can_publish: Some(true),
        can_publish_sources: PUBLISH_SOURCES.map(str::to_owned).to_vec(),
        can_publish_data: Some(true),
        ..join_only(room)
    };
    sign(config, &holder.id.to_string(), holder, grants)
}

/// The identity of `user`'s connection check in their call's room.
pub fn setup_check_identity(user: UserId) -> String {
    format!("{user}-setup-check")
}

/// A token for `holder`'s pre-join connection check: a hidden participant
/// of its own identity ([`setup_check_identity`]) that joins and
/// subscribes, and may not publish or send anything. Valid for
/// [`CALL_TOKEN_TTL_SECONDS`].
pub fn mint_setup_check(
    config: &LiveKitConfig,
    room: &str,
    holder: Holder<'_>,
) -> Result<Minted, AccessTokenError> {
    let grants = VideoGrants {
        hidden: true,
        ..join_only(room)
    };
    sign(config, &setup_check_identity(holder.id), holder, grants)
}

/// Joining `room` and subscribing, and no other right. Every permission is
/// spelled out: the crate's defaults are generous (publish, subscribe and
/// data are allowed when left unset).
fn join_only(room: &str) -> VideoGrants {
    VideoGrants {
        room_join: true,
        room: room.to_owned(),
        can_publish: Some(false),
        can_publish_sources: Vec::new(),
        can_subscribe: Some(true),
        can_publish_data: Some(false),
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
    }
}

fn sign(
    config: &LiveKitConfig,
    identity: &str,
    holder: Holder<'_>,
    grants: VideoGrants,
) -> Result<Minted, AccessTokenError> {
    let metadata = serde_json::to_string(&ParticipantMetadata { role: holder.role })
        .map_err(|_| AccessTokenError::InvalidClaims("participant metadata"))?;
    let secret = config.api_secret.expose();
    let token = AccessToken::with_api_key(&config.api_key, secret)
        .with_identity(identity)
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

    #[test]
    fn the_setup_check_is_hidden_under_its_own_identity_and_publishes_nothing() {
        let holder = Holder {
            id: UserId(7),
            full_name: "Ada Lovelace",
            role: Role::Client,
        };
        let minted = mint_setup_check(&config(), "room-abcdefghijklmnop", holder).unwrap();
        let claims =
            TokenVerifier::with_api_key("devkey", "a-test-secret-that-is-long-enough-0123")
                .verify(&minted.token)
                .unwrap();
        assert_eq!(claims.sub, "7-setup-check");
        assert_ne!(claims.sub, "7", "the person's own call keeps its identity");
        assert!(claims.video.hidden);
        assert!(claims.video.room_join && claims.video.can_subscribe == Some(true));
        assert_eq!(claims.video.room, "room-abcdefghijklmnop");
        assert_eq!(claims.video.can_publish, Some(false));
        assert!(claims.video.can_publish_sources.is_empty());
        assert_eq!(claims.video.can_publish_data, Some(false));
        assert!(!claims.video.room_admin && !claims.video.room_create);
    }
}
