//! Why a LiveKit or device operation failed, as the bridge reports it.

use serde::Deserialize;
use wasm_bindgen::JsValue;

/// A failed LiveKit or device operation: the JavaScript error's `name` and
/// `message`, and for LiveKit's `ConnectionError` its `reason` and the HTTP
/// `status` LiveKit answered with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, thiserror::Error)]
#[error("{name}: {message}")]
pub struct LiveKitError {
    pub name: String,
    pub message: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
}

/// What went wrong with a camera or microphone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceFailure {
    /// The person or the browser's settings refused access.
    PermissionDenied,
    /// There is no such device.
    NotFound,
    /// Another app (or tab) holds the device.
    InUse,
    Other,
}

impl LiveKitError {
    /// Reads the value a bridge function rejected with.
    pub(crate) fn from_js(value: JsValue) -> Self {
        super::from_json(&value).unwrap_or_else(|| Self {
            name: "Error".to_owned(),
            message: value
                .as_string()
                .unwrap_or_else(|| "unknown error".to_owned()),
            reason: None,
            status: None,
        })
    }

    /// The kind of device failure, by the DOMException's name (with the
    /// older spellings some browsers still use).
    pub fn device_failure(&self) -> DeviceFailure {
        match self.name.as_str() {
            "NotAllowedError" | "PermissionDeniedError" | "SecurityError" => {
                DeviceFailure::PermissionDenied
            }
            "NotFoundError" | "DevicesNotFoundError" | "OverconstrainedError" => {
                DeviceFailure::NotFound
            }
            "NotReadableError" | "TrackStartError" | "AbortError" => DeviceFailure::InUse,
            _ => DeviceFailure::Other,
        }
    }

    /// LiveKit refused the access token (expired, or not valid for it).
    pub fn is_token_rejected(&self) -> bool {
        self.is_connection_error()
            && self.reason.as_deref() == Some("NotAllowed")
            && self.status == Some(401)
    }

    /// The connection attempt was cancelled (by leaving while connecting).
    pub fn is_cancelled(&self) -> bool {
        self.is_connection_error() && self.reason.as_deref() == Some("Cancelled")
    }

    fn is_connection_error(&self) -> bool {
        self.name == "ConnectionError"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(name: &str, reason: Option<&str>, status: Option<u16>) -> LiveKitError {
        LiveKitError {
            name: name.to_owned(),
            message: "x".to_owned(),
            reason: reason.map(str::to_owned),
            status,
        }
    }

    #[test]
    fn device_errors_are_classified_by_name() {
        for (name, failure) in [
            ("NotAllowedError", DeviceFailure::PermissionDenied),
            ("PermissionDeniedError", DeviceFailure::PermissionDenied),
            ("NotFoundError", DeviceFailure::NotFound),
            ("OverconstrainedError", DeviceFailure::NotFound),
            ("NotReadableError", DeviceFailure::InUse),
            ("TypeError", DeviceFailure::Other),
        ] {
            assert_eq!(error(name, None, None).device_failure(), failure, "{name}");
        }
    }

    #[test]
    fn only_a_401_from_livekit_is_a_rejected_token() {
        assert!(error("ConnectionError", Some("NotAllowed"), Some(401)).is_token_rejected());
        assert!(!error("ConnectionError", Some("NotAllowed"), Some(403)).is_token_rejected());
        assert!(!error("ConnectionError", Some("ServerUnreachable"), None).is_token_rejected());
        assert!(!error("NotAllowedError", None, Some(401)).is_token_rejected());
    }

    #[test]
    fn the_bridge_error_object_parses() {
        let parsed: LiveKitError = serde_json::from_str(
            r#"{"name":"ConnectionError","message":"could not connect","reason":"NotAllowed","status":401}"#,
        )
        .unwrap();
        assert!(parsed.is_token_rejected());
        let parsed: LiveKitError = serde_json::from_str(
            r#"{"name":"NotAllowedError","message":"Permission denied","reason":null,"status":null}"#,
        )
        .unwrap();
        assert_eq!(parsed.device_failure(), DeviceFailure::PermissionDenied);
    }
}
