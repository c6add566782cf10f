//! The state of a joined call, changed only by LiveKit's events (and by our
//! own controls), and the words the page shows for it.

use crate::livekit::events::{
    CallEvent, ConnectionQuality, ConnectionState, DeviceKind, DisconnectReason, RoomSnapshot,
    TrackInfo, TrackSource,
};
use crate::livekit::LiveKitError;

/// Where our connection to the room stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Connected,
    Reconnecting,
    /// Gone, and why when LiveKit said.
    Disconnected(Option<DisconnectReason>),
}

/// The other participant while they are in the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub identity: String,
    /// Their camera and microphone, when we receive them.
    pub camera: Option<RemoteTrack>,
    pub microphone: Option<RemoteTrack>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemoteTrack {
    pub muted: bool,
}

impl Remote {
    fn new(identity: String) -> Self {
        Self {
            identity,
            camera: None,
            microphone: None,
        }
    }

    fn track_mut(&mut self, source: TrackSource) -> Option<&mut Option<RemoteTrack>> {
        match source {
            TrackSource::Camera => Some(&mut self.camera),
            TrackSource::Microphone => Some(&mut self.microphone),
            _ => None,
        }
    }

    /// Whether their camera is off (never published, or muted).
    pub fn camera_off(&self) -> bool {
        self.camera.is_none_or(|t| t.muted)
    }

    /// Whether their microphone is off (never published, or muted).
    pub fn microphone_off(&self) -> bool {
        self.microphone.is_none_or(|t| t.muted)
    }
}

/// A one-to-one call as seen by one of its two participants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallState {
    /// Our own identity in the room: events about it are about us.
    pub me: String,
    pub connection: Connection,
    /// We got as far as "connected" at least once (so a disconnection ends
    /// the call, rather than failing to join it).
    pub was_connected: bool,
    /// Our own connection quality, once LiveKit has measured it.
    pub quality: Option<ConnectionQuality>,
    pub remote: Option<Remote>,
    /// The other participant was here and left.
    pub remote_left: bool,
    /// The browser refused to play the other side's audio until a click.
    pub audio_blocked: bool,
    pub microphone_on: bool,
    pub camera_on: bool,
    /// The newest failure of our camera or microphone during the call.
    pub device_error: Option<DeviceError>,
}

/// A camera or microphone that failed during the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceError {
    pub error: LiveKitError,
    /// Which kind failed, when known.
    pub kind: Option<DeviceKind>,
}

impl DeviceError {
    pub fn new(error: LiveKitError, kind: Option<DeviceKind>) -> Self {
        Self { error, kind }
    }
}

impl CallState {
    /// Joining as `me`, with the microphone and camera on or off.
    pub fn joining(me: String, microphone_on: bool, camera_on: bool) -> Self {
        Self {
            me,
            connection: Connection::Connecting,
            was_connected: false,
            quality: None,
            remote: None,
            remote_left: false,
            audio_blocked: false,
            microphone_on,
            camera_on,
            device_error: None,
        }
    }

    pub fn apply(&mut self, event: &CallEvent) {
        match event {
            CallEvent::ConnectionStateChanged { state } => self.set_state(*state),
            CallEvent::ParticipantConnected { identity } => {
                self.remote_mut(identity);
            }
            CallEvent::ParticipantDisconnected { identity, .. } => {
                if self
                    .remote
                    .as_ref()
                    .is_some_and(|r| &r.identity == identity)
                {
                    self.remote = None;
                    self.remote_left = true;
                }
            }
            CallEvent::TrackSubscribed { identity, track } => {
                self.set_remote_track(identity, track, Some(RemoteTrack { muted: track.muted }));
            }
            CallEvent::TrackUnsubscribed { identity, track } => {
                self.set_remote_track(identity, track, None);
            }
            CallEvent::TrackMuted {
                identity,
                local,
                track,
            } => self.set_muted(identity, *local, track, true),
            CallEvent::TrackUnmuted {
                identity,
                local,
                track,
            } => self.set_muted(identity, *local, track, false),
            CallEvent::ConnectionQualityChanged {
                local: true,
                quality,
                ..
            } => self.quality = Some(*quality),
            CallEvent::Disconnected { reason } => {
                self.connection = Connection::Disconnected(*reason);
                self.remote = None;
            }
            CallEvent::Reconnecting => self.connection = Connection::Reconnecting,
            CallEvent::Reconnected => self.set_state(ConnectionState::Connected),
            CallEvent::AudioPlaybackChanged { can_playback } => {
                self.audio_blocked = !can_playback;
            }
            CallEvent::MediaDevicesError { error, kind } => {
                self.device_error = Some(DeviceError::new(error.clone(), *kind));
            }
            CallEvent::ConnectionQualityChanged { .. }
            | CallEvent::ActiveDeviceChanged { .. }
            | CallEvent::MediaDevicesChanged
            | CallEvent::DataReceived { .. }
            | CallEvent::LocalTrackPublished { .. }
            | CallEvent::LocalTrackUnpublished { .. }
            | CallEvent::Other => {}
        }
    }

    /// Takes in what the room already held when we joined (LiveKit sends
    /// no "connected" event for people who were there first).
    pub fn apply_snapshot(&mut self, snapshot: &RoomSnapshot) {
        self.set_state(snapshot.state);
        self.audio_blocked = !snapshot.can_playback_audio;
        for participant in &snapshot.participants {
            for track in &participant.tracks {
                let state = Some(RemoteTrack { muted: track.muted });
                self.set_remote_track(&participant.identity, track, state);
            }
            self.remote_mut(&participant.identity);
        }
    }

    fn set_state(&mut self, state: ConnectionState) {
        self.connection = match state {
            ConnectionState::Connecting => Connection::Connecting,
            ConnectionState::Connected => Connection::Connected,
            ConnectionState::Reconnecting | ConnectionState::SignalReconnecting => {
                Connection::Reconnecting
            }
            // The `disconnected` event that follows says why.
            ConnectionState::Disconnected => match self.connection {
                Connection::Disconnected(reason) => Connection::Disconnected(reason),
                _ => Connection::Disconnected(None),
            },
            ConnectionState::Unknown => self.connection,
        };
        self.was_connected |= self.connection == Connection::Connected;
    }

    /// The other participant with this identity, added if new. `None` for
    /// ourselves.
    fn remote_mut(&mut self, identity: &str) -> Option<&mut Remote> {
        if identity == self.me {
            return None;
        }
        if self.remote.as_ref().is_none_or(|r| r.identity != identity) {
            self.remote = Some(Remote::new(identity.to_owned()));
            self.remote_left = false;
        }
        self.remote.as_mut()
    }

    fn set_remote_track(&mut self, identity: &str, track: &TrackInfo, state: Option<RemoteTrack>) {
        if let Some(slot) = self
            .remote_mut(identity)
            .and_then(|remote| remote.track_mut(track.source))
        {
            *slot = state;
        }
    }

    fn set_muted(&mut self, identity: &str, local: bool, track: &TrackInfo, muted: bool) {
        if local || identity == self.me {
            match track.source {
                TrackSource::Camera => self.camera_on = !muted,
                TrackSource::Microphone => self.microphone_on = !muted,
                _ => {}
            }
            return;
        }
        if let Some(Some(remote_track)) = self
            .remote_mut(identity)
            .and_then(|remote| remote.track_mut(track.source))
        {
            remote_track.muted = muted;
        }
    }

    /// Whose camera to show: the other participant's identity while we
    /// receive their camera.
    pub fn remote_camera(&self) -> Option<String> {
        self.remote
            .as_ref()
            .filter(|r| r.camera.is_some())
            .map(|r| r.identity.clone())
    }

    /// Whose microphone to play.
    pub fn remote_microphone(&self) -> Option<String> {
        self.remote
            .as_ref()
            .filter(|r| r.microphone.is_some())
            .map(|r| r.identity.clone())
    }

    /// "Connecting…", "Connected", "Reconnecting…", "Disconnected: …".
    pub fn connection_text(&self) -> String {
        match self.connection {
            Connection::Connecting => "Connecting…".to_owned(),
            Connection::Connected => "Connected".to_owned(),
            Connection::Reconnecting => "Reconnecting…".to_owned(),
            Connection::Disconnected(reason) => {
                format!("Disconnected: {}", disconnect_reason_words(reason))
            }
        }
    }

    /// "Excellent connection" and so on, once measured and while connected.
    pub fn quality_text(&self) -> Option<&'static str> {
        if self.connection != Connection::Connected {
            return None;
        }
        match self.quality? {
            ConnectionQuality::Excellent => Some("Excellent connection"),
            ConnectionQuality::Good => Some("Good connection"),
            ConnectionQuality::Poor => Some("Poor connection"),
            ConnectionQuality::Lost => Some("Connection lost"),
            ConnectionQuality::Unknown => None,
        }
    }
}

/// Why we were disconnected, in words (lower case, after "Disconnected: ").
pub fn disconnect_reason_words(reason: Option<DisconnectReason>) -> &'static str {
    match reason {
        Some(DisconnectReason::ClientInitiated) => "you left the call",
        Some(DisconnectReason::DuplicateIdentity) => {
            "you joined this call from another tab or device"
        }
        Some(DisconnectReason::ServerShutdown) => "the video service restarted",
        Some(DisconnectReason::ParticipantRemoved) => "you were removed from the call",
        Some(DisconnectReason::RoomDeleted | DisconnectReason::RoomClosed) => "the call was closed",
        Some(DisconnectReason::JoinFailure) => "the call could not be joined",
        Some(
            DisconnectReason::SignalClose
            | DisconnectReason::ConnectionTimeout
            | DisconnectReason::StateMismatch
            | DisconnectReason::Migration
            | DisconnectReason::Unknown,
        )
        | None => "the connection was lost",
    }
}

/// Where the other participant is, for the line above the video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Waiting,
    Here,
    Left,
}

impl Presence {
    /// "Waiting for Dr. Maya Okafor to join…", "… is here", "… left the call".
    pub fn text(self, name: &str) -> String {
        match self {
            Self::Waiting => format!("Waiting for {name} to join…"),
            Self::Here => format!("{name} is here"),
            Self::Left => format!("{name} left the call"),
        }
    }
}

#[cfg(test)]
mod tests;
