//! "Test your setup" from the browser: a test tone on the speaker, and
//! livekit-client's `ConnectionCheck` against the LiveKit server.

use serde::Deserialize;

use super::bindings;
use super::{from_json, LiveKitError};

/// Plays a short tone on the default speaker; resolves once it has played.
pub async fn play_test_tone() -> Result<(), LiveKitError> {
    bindings::play_test_tone()
        .await
        .map_err(LiveKitError::from_js)
}

/// What the connection check found: signalling (livekit-client's
/// WebSocket check), then media (a WebRTC join and the transport it used);
/// media is not tried when signalling failed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ConnectionReport {
    pub signalling: CheckOutcome,
    #[serde(default)]
    pub media: Option<MediaOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CheckOutcome {
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MediaOutcome {
    pub passed: bool,
    /// The transport of the media: "udp", "tcp" (or "tls" through a
    /// relay); `None` when it did not connect.
    #[serde(default)]
    pub protocol: Option<String>,
}

/// Runs the connection check with call credentials. Each of its two steps
/// joins the room with `token` for a moment, so run it before joining.
pub async fn check_connection(url: &str, token: &str) -> Result<ConnectionReport, LiveKitError> {
    let value = bindings::check_connection(url, token)
        .await
        .map_err(LiveKitError::from_js)?;
    from_json(&value).ok_or_else(|| LiveKitError {
        name: "Error".to_owned(),
        message: "unreadable connection check report".to_owned(),
        reason: None,
        status: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_parses_from_the_bridge() {
        let parsed: ConnectionReport = serde_json::from_str(
            r#"{"signalling":{"passed":true,"messages":[]},"media":{"passed":true,"protocol":"udp","messages":["info: media over udp"]}}"#,
        )
        .unwrap();
        assert_eq!(
            parsed.media,
            Some(MediaOutcome {
                passed: true,
                protocol: Some("udp".into())
            })
        );
        let failed: ConnectionReport =
            serde_json::from_str(r#"{"signalling":{"passed":false},"media":null}"#).unwrap();
        assert_eq!(failed.media, None);
    }
}
