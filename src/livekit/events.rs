//! What happens in a room, as typed values: the bridge's event objects
//! (`{type: 'trackMuted', identity, local, kind, source, muted}`, …) and
//! its snapshot of the room.

use serde::Deserialize;

use super::LiveKitError;

/// One event of a room.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum CallEvent {
    ConnectionStateChanged {
        state: ConnectionState,
    },
    /// Someone joined after us.
    ParticipantConnected {
        identity: String,
    },
    ParticipantDisconnected {
        identity: String,
        #[serde(default)]
        reason: Option<DisconnectReason>,
    },
    /// We receive one of another participant's tracks.
    TrackSubscribed {
        identity: String,
        #[serde(flatten)]
        track: TrackInfo,
    },
    TrackUnsubscribed {
        identity: String,
        #[serde(flatten)]
        track: TrackInfo,
    },
    /// A track of ours (`local`) or of someone else was muted.
    TrackMuted {
        identity: String,
        local: bool,
        #[serde(flatten)]
        track: TrackInfo,
    },
    TrackUnmuted {
        identity: String,
        local: bool,
        #[serde(flatten)]
        track: TrackInfo,
    },
    ConnectionQualityChanged {
        identity: String,
        local: bool,
        quality: ConnectionQuality,
    },
    /// We left the room, or were made to (`reason`).
    Disconnected {
        #[serde(default)]
        reason: Option<DisconnectReason>,
    },
    Reconnecting,
    Reconnected,
    /// Whether the browser lets the page play the other side's audio.
    AudioPlaybackChanged {
        can_playback: bool,
    },
    /// A camera or microphone failed (for example when turned on again).
    MediaDevicesError {
        error: LiveKitError,
        #[serde(default)]
        kind: Option<DeviceKind>,
    },
    ActiveDeviceChanged {
        kind: DeviceKind,
        device_id: String,
    },
    /// We published one of our tracks (the screen share, for one).
    LocalTrackPublished {
        #[serde(flatten)]
        track: TrackInfo,
    },
    /// We unpublished one of our tracks: for the screen share also when
    /// the browser's own "Stop sharing" ended it.
    LocalTrackUnpublished {
        #[serde(flatten)]
        track: TrackInfo,
    },
    /// A camera, microphone or speaker was plugged in or out.
    MediaDevicesChanged,
    /// A data message from another participant, on `topic`, as text.
    DataReceived {
        #[serde(default)]
        identity: Option<String>,
        #[serde(default)]
        topic: Option<String>,
        text: String,
    },
    /// An event this version does not know.
    #[serde(other)]
    Other,
}

/// A published track as events describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct TrackInfo {
    pub kind: TrackKind,
    pub source: TrackSource,
    pub muted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionState {
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
    SignalReconnecting,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionQuality {
    Excellent,
    Good,
    Poor,
    Lost,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TrackKind {
    Audio,
    Video,
    #[serde(other)]
    Other,
}

/// Where a track comes from (livekit-client's `Track.Source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackSource {
    Camera,
    Microphone,
    ScreenShare,
    ScreenShareAudio,
    #[serde(other)]
    Unknown,
}

impl TrackSource {
    /// The name livekit-client uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Camera => "camera",
            Self::Microphone => "microphone",
            Self::ScreenShare => "screen_share",
            Self::ScreenShareAudio => "screen_share_audio",
            Self::Unknown => "unknown",
        }
    }
}

/// Why a participant left (LiveKit's protocol `DisconnectReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DisconnectReason {
    ClientInitiated,
    /// The same identity joined again elsewhere (another tab or device).
    DuplicateIdentity,
    ServerShutdown,
    ParticipantRemoved,
    RoomDeleted,
    StateMismatch,
    JoinFailure,
    Migration,
    SignalClose,
    RoomClosed,
    ConnectionTimeout,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceKind {
    AudioInput,
    VideoInput,
    AudioOutput,
}

impl DeviceKind {
    /// The `MediaDeviceKind` string.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AudioInput => "audioinput",
            Self::VideoInput => "videoinput",
            Self::AudioOutput => "audiooutput",
        }
    }
}

/// The room as it is right now (after joining, when events for what was
/// already there have not all arrived).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomSnapshot {
    pub state: ConnectionState,
    pub can_playback_audio: bool,
    pub participants: Vec<ParticipantSnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ParticipantSnapshot {
    pub identity: String,
    pub quality: ConnectionQuality,
    /// The tracks we are subscribed to.
    pub tracks: Vec<TrackInfo>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> CallEvent {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn connection_events_parse() {
        assert_eq!(
            parse(r#"{"type":"connectionStateChanged","state":"signalReconnecting"}"#),
            CallEvent::ConnectionStateChanged {
                state: ConnectionState::SignalReconnecting
            }
        );
        assert_eq!(parse(r#"{"type":"reconnecting"}"#), CallEvent::Reconnecting);
        assert_eq!(
            parse(r#"{"type":"disconnected","reason":"DUPLICATE_IDENTITY"}"#),
            CallEvent::Disconnected {
                reason: Some(DisconnectReason::DuplicateIdentity)
            }
        );
        assert_eq!(
            parse(r#"{"type":"disconnected","reason":null}"#),
            CallEvent::Disconnected { reason: None }
        );
        assert_eq!(
            parse(r#"{"type":"disconnected","reason":"SOMETHING_NEW"}"#),
            CallEvent::Disconnected {
                reason: Some(DisconnectReason::Unknown)
            }
        );
    }

    #[test]
    fn track_events_parse() {
        assert_eq!(
            parse(
                r#"{"type":"trackMuted","identity":"7","local":false,"kind":"audio","source":"microphone","muted":true}"#
            ),
            CallEvent::TrackMuted {
                identity: "7".into(),
                local: false,
                track: TrackInfo {
                    kind: TrackKind::Audio,
                    source: TrackSource::Microphone,
                    muted: true
                }
            }
        );
        assert_eq!(
            parse(
                r#"{"type":"trackSubscribed","identity":"7","kind":"video","source":"camera","muted":false}"#
            ),
            CallEvent::TrackSubscribed {
                identity: "7".into(),
                track: TrackInfo {
                    kind: TrackKind::Video,
                    source: TrackSource::Camera,
                    muted: false
                }
            }
        );
    }

    #[test]
    fn other_events_parse() {
        assert_eq!(
            parse(r#"{"type":"audioPlaybackChanged","canPlayback":false}"#),
            CallEvent::AudioPlaybackChanged {
                can_playback: false
            }
        );
        assert_eq!(
            parse(
                r#"{"type":"connectionQualityChanged","identity":"3","local":true,"quality":"poor"}"#
            ),
            CallEvent::ConnectionQualityChanged {
                identity: "3".into(),
                local: true,
                quality: ConnectionQuality::Poor
            }
        );
        assert_eq!(
            parse(r#"{"type":"activeDeviceChanged","kind":"videoinput","deviceId":"abc"}"#),
            CallEvent::ActiveDeviceChanged {
                kind: DeviceKind::VideoInput,
                device_id: "abc".into()
            }
        );
        let CallEvent::MediaDevicesError { error, kind } = parse(
            r#"{"type":"mediaDevicesError","error":{"name":"NotAllowedError","message":"denied","reason":null,"status":null},"kind":"videoinput"}"#,
        ) else {
            panic!("not a device error");
        };
        assert_eq!(error.name, "NotAllowedError");
        assert_eq!(kind, Some(DeviceKind::VideoInput));
        assert_eq!(
            parse(r#"{"type":"dataReceived","identity":"7","topic":"chat","text":"<b>hi</b>"}"#),
            CallEvent::DataReceived {
                identity: Some("7".into()),
                topic: Some("chat".into()),
                text: "<b>hi</b>".into()
            }
        );
        assert_eq!(
            parse(
                r#"{"type":"localTrackUnpublished","kind":"video","source":"screen_share","muted":false}"#
            ),
            CallEvent::LocalTrackUnpublished {
                track: TrackInfo {
                    kind: TrackKind::Video,
                    source: TrackSource::ScreenShare,
                    muted: false
                }
            }
        );
        assert_eq!(
            parse(r#"{"type":"mediaDevicesChanged"}"#),
            CallEvent::MediaDevicesChanged
        );
        assert_eq!(parse(r#"{"type":"brandNewEvent","x":1}"#), CallEvent::Other);
    }

    #[test]
    fn the_snapshot_parses() {
        let snapshot: RoomSnapshot = serde_json::from_str(
            r#"{"state":"connected","canPlaybackAudio":true,"participants":[{"identity":"9","quality":"excellent","tracks":[{"kind":"video","source":"camera","muted":false}]}]}"#,
        )
        .unwrap();
        assert_eq!(snapshot.state, ConnectionState::Connected);
        assert_eq!(
            snapshot.participants[0].tracks[0].source,
            TrackSource::Camera
        );
    }
}
