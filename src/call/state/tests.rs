use super::*;
use crate::livekit::events::{ParticipantSnapshot, TrackKind};

const ME: &str = "1";
const MAYA: &str = "2";

fn camera(muted: bool) -> TrackInfo {
    TrackInfo {
        kind: TrackKind::Video,
        source: TrackSource::Camera,
        muted,
    }
}

fn microphone(muted: bool) -> TrackInfo {
    TrackInfo {
        kind: TrackKind::Audio,
        source: TrackSource::Microphone,
        muted,
    }
}

fn joined() -> CallState {
    let mut state = CallState::joining(ME.into(), true, true);
    state.apply(&CallEvent::ConnectionStateChanged {
        state: ConnectionState::Connected,
    });
    state
}

#[test]
fn connecting_then_connected() {
    let mut state = CallState::joining(ME.into(), true, false);
    assert_eq!(state.connection_text(), "Connecting…");
    state.apply(&CallEvent::ConnectionStateChanged {
        state: ConnectionState::Connected,
    });
    assert_eq!(state.connection_text(), "Connected");
    state.apply(&CallEvent::Reconnecting);
    assert_eq!(state.connection_text(), "Reconnecting…");
    state.apply(&CallEvent::Reconnected);
    assert_eq!(state.connection_text(), "Connected");
}

#[test]
fn the_disconnect_reason_survives_the_state_change() {
    let mut state = joined();
    state.apply(&CallEvent::Disconnected {
        reason: Some(DisconnectReason::DuplicateIdentity),
    });
    state.apply(&CallEvent::ConnectionStateChanged {
        state: ConnectionState::Disconnected,
    });
    assert_eq!(
        state.connection_text(),
        "Disconnected: you joined this call from another tab or device"
    );
    assert!(state.was_connected);
}

#[test]
fn the_reason_arrives_after_the_state_change_too() {
    let mut state = joined();
    state.apply(&CallEvent::ConnectionStateChanged {
        state: ConnectionState::Disconnected,
    });
    assert_eq!(state.connection, Connection::Disconnected(None));
    state.apply(&CallEvent::Disconnected {
        reason: Some(DisconnectReason::DuplicateIdentity),
    });
    assert_eq!(
        state.connection,
        Connection::Disconnected(Some(DisconnectReason::DuplicateIdentity))
    );
}

#[test]
fn failing_to_connect_is_not_having_been_connected() {
    let mut state = CallState::joining(ME.into(), true, true);
    state.apply(&CallEvent::Disconnected {
        reason: Some(DisconnectReason::JoinFailure),
    });
    assert!(!state.was_connected);
}

#[test]
fn the_other_participant_arrives_publishes_and_leaves() {
    let mut state = joined();
    assert_eq!(state.remote, None);
    state.apply(&CallEvent::ParticipantConnected {
        identity: MAYA.into(),
    });
    assert!(state.remote.as_ref().unwrap().camera_off());
    state.apply(&CallEvent::TrackSubscribed {
        identity: MAYA.into(),
        track: camera(false),
    });
    state.apply(&CallEvent::TrackSubscribed {
        identity: MAYA.into(),
        track: microphone(false),
    });
    assert_eq!(state.remote_camera().as_deref(), Some(MAYA));
    assert_eq!(state.remote_microphone().as_deref(), Some(MAYA));
    assert!(!state.remote.as_ref().unwrap().camera_off());

    state.apply(&CallEvent::TrackMuted {
        identity: MAYA.into(),
        local: false,
        track: microphone(true),
    });
    assert!(state.remote.as_ref().unwrap().microphone_off());
    state.apply(&CallEvent::TrackUnmuted {
        identity: MAYA.into(),
        local: false,
        track: microphone(false),
    });
    assert!(!state.remote.as_ref().unwrap().microphone_off());

    state.apply(&CallEvent::ParticipantDisconnected {
        identity: MAYA.into(),
        reason: Some(DisconnectReason::ClientInitiated),
    });
    assert_eq!(state.remote, None);
    assert!(state.remote_left);

    state.apply(&CallEvent::ParticipantConnected {
        identity: MAYA.into(),
    });
    assert!(!state.remote_left);
}

#[test]
fn our_own_mute_events_change_our_controls() {
    let mut state = joined();
    state.apply(&CallEvent::TrackMuted {
        identity: ME.into(),
        local: true,
        track: microphone(true),
    });
    assert!(!state.microphone_on);
    assert_eq!(state.remote, None);
    state.apply(&CallEvent::TrackMuted {
        identity: ME.into(),
        local: true,
        track: camera(true),
    });
    assert!(!state.camera_on);
}

#[test]
fn the_snapshot_brings_in_whoever_was_there_first() {
    let mut state = CallState::joining(ME.into(), true, true);
    state.apply_snapshot(&RoomSnapshot {
        state: ConnectionState::Connected,
        can_playback_audio: false,
        participants: vec![ParticipantSnapshot {
            identity: MAYA.into(),
            quality: ConnectionQuality::Good,
            tracks: vec![camera(true), microphone(false)],
        }],
    });
    assert_eq!(state.connection, Connection::Connected);
    assert!(state.audio_blocked);
    let remote = state.remote.as_ref().unwrap();
    assert_eq!(remote.camera, Some(RemoteTrack { muted: true }));
    assert!(remote.camera_off());
    assert!(!remote.microphone_off());
}

#[test]
fn quality_is_shown_only_while_connected() {
    let mut state = joined();
    assert_eq!(state.quality_text(), None);
    state.apply(&CallEvent::ConnectionQualityChanged {
        identity: ME.into(),
        local: true,
        quality: ConnectionQuality::Excellent,
    });
    assert_eq!(state.quality_text(), Some("Excellent connection"));
    state.apply(&CallEvent::ConnectionQualityChanged {
        identity: MAYA.into(),
        local: false,
        quality: ConnectionQuality::Poor,
    });
    assert_eq!(state.quality_text(), Some("Excellent connection"));
    state.apply(&CallEvent::Reconnecting);
    assert_eq!(state.quality_text(), None);
}

#[test]
fn presence_in_words() {
    assert_eq!(
        Presence::Waiting.text("Dr. Maya Okafor"),
        "Waiting for Dr. Maya Okafor to join…"
    );
    assert_eq!(Presence::Here.text("Sam"), "Sam is here");
    assert_eq!(Presence::Left.text("Sam"), "Sam left the call");
}
