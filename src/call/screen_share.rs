//! Screen sharing in the call: who is sharing (us, the other person, or
//! nobody), as LiveKit's events leave it, and the words for it.

use crate::livekit::events::{CallEvent, TrackSource};

/// The screen shares of a one-to-one call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScreenShare {
    /// We publish our screen.
    pub local: bool,
    /// The other participant's shared screen, while we receive it.
    pub remote: Option<RemoteScreen>,
    /// Our last try to share failed (not: the picker was closed).
    pub failed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteScreen {
    pub identity: String,
    /// We receive the video of their screen.
    pub video: bool,
    /// We receive the sound of what they share (a tab's, where the browser
    /// offers it).
    pub audio: bool,
}

impl ScreenShare {
    pub fn apply(&mut self, event: &CallEvent) {
        match event {
            CallEvent::LocalTrackPublished { track }
                if track.source == TrackSource::ScreenShare =>
            {
                self.local = true;
            }
            // Our "Stop sharing", or the browser's own bar (the track
            // ended and livekit-client unpublished it).
            CallEvent::LocalTrackUnpublished { track }
                if track.source == TrackSource::ScreenShare =>
            {
                self.local = false;
            }
            CallEvent::TrackSubscribed { identity, track } if is_screen(track.source) => {
                self.set_remote(identity, track.source, true);
            }
            CallEvent::TrackUnsubscribed { identity, track } if is_screen(track.source) => {
                self.set_remote(identity, track.source, false);
            }
            CallEvent::ParticipantDisconnected { identity, .. }
                if self
                    .remote
                    .as_ref()
                    .is_some_and(|r| &r.identity == identity) =>
            {
                self.remote = None;
            }
            CallEvent::Disconnected { .. } => *self = Self::default(),
            _ => {}
        }
    }

    fn set_remote(&mut self, identity: &str, source: TrackSource, received: bool) {
        let remote = match &mut self.remote {
            Some(remote) if remote.identity == identity => remote,
            _ if !received => return,
            slot => slot.insert(RemoteScreen {
                identity: identity.to_owned(),
                video: false,
                audio: false,
            }),
        };
        if source == TrackSource::ScreenShare {
            remote.video = received;
        } else {
            remote.audio = received;
        }
        if !remote.video && !remote.audio {
            self.remote = None;
        }
    }

    /// Whose screen to show large: the other person's while we receive it,
    /// else ours while we share.
    pub fn shown(&self) -> Option<Sharer> {
        if self.remote.as_ref().is_some_and(|r| r.video) {
            Some(Sharer::Them)
        } else if self.local {
            Some(Sharer::Us)
        } else {
            None
        }
    }

    /// The other person's identity while we receive their screen's video
    /// (or sound).
    pub fn remote_video(&self) -> Option<String> {
        self.remote
            .as_ref()
            .filter(|r| r.video)
            .map(|r| r.identity.clone())
    }

    pub fn remote_audio(&self) -> Option<String> {
        self.remote
            .as_ref()
            .filter(|r| r.audio)
            .map(|r| r.identity.clone())
    }

    /// "You are sharing your screen", "Maya is sharing their screen", or
    /// nothing.
    pub fn text(&self, other_name: &str) -> Option<String> {
        let remote = self.remote.as_ref().is_some_and(|r| r.video);
        match (self.local, remote) {
            (true, true) => Some(format!(
                "You and {other_name} are sharing your screens; you see {other_name}'s"
            )),
            (true, false) => Some("You are sharing your screen".to_owned()),
            (false, true) => Some(format!("{other_name} is sharing their screen")),
            (false, false) => None,
        }
    }
}

fn is_screen(source: TrackSource) -> bool {
    matches!(
        source,
        TrackSource::ScreenShare | TrackSource::ScreenShareAudio
    )
}

/// Whose screen is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharer {
    Us,
    Them,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::livekit::events::{TrackInfo, TrackKind};

    fn track(source: TrackSource) -> TrackInfo {
        let kind = match source {
            TrackSource::ScreenShareAudio | TrackSource::Microphone => TrackKind::Audio,
            _ => TrackKind::Video,
        };
        TrackInfo {
            kind,
            source,
            muted: false,
        }
    }

    fn subscribed(identity: &str, source: TrackSource) -> CallEvent {
        CallEvent::TrackSubscribed {
            identity: identity.into(),
            track: track(source),
        }
    }

    fn unsubscribed(identity: &str, source: TrackSource) -> CallEvent {
        CallEvent::TrackUnsubscribed {
            identity: identity.into(),
            track: track(source),
        }
    }

    #[test]
    fn the_other_persons_screen_and_its_sound_are_followed() {
        let mut share = ScreenShare::default();
        share.apply(&subscribed("7", TrackSource::Camera));
        assert_eq!(share.shown(), None);
        share.apply(&subscribed("7", TrackSource::ScreenShare));
        share.apply(&subscribed("7", TrackSource::ScreenShareAudio));
        assert_eq!(share.shown(), Some(Sharer::Them));
        assert_eq!(share.remote_video().as_deref(), Some("7"));
        assert_eq!(share.remote_audio().as_deref(), Some("7"));
        assert_eq!(
            share.text("Maya").as_deref(),
            Some("Maya is sharing their screen")
        );
        share.apply(&unsubscribed("7", TrackSource::ScreenShare));
        assert_eq!(share.shown(), None);
        assert_eq!(share.remote_audio().as_deref(), Some("7"));
        share.apply(&unsubscribed("7", TrackSource::ScreenShareAudio));
        assert_eq!(share.remote, None);
        assert_eq!(share.text("Maya"), None);
    }

    #[test]
    fn our_share_starts_on_publish_and_ends_on_unpublish() {
        let mut share = ScreenShare::default();
        share.apply(&CallEvent::LocalTrackPublished {
            track: track(TrackSource::Camera),
        });
        assert!(!share.local);
        share.apply(&CallEvent::LocalTrackPublished {
            track: track(TrackSource::ScreenShare),
        });
        assert_eq!(share.shown(), Some(Sharer::Us));
        assert_eq!(
            share.text("Maya").as_deref(),
            Some("You are sharing your screen")
        );
        // The browser's "Stop sharing": livekit-client unpublishes the track.
        share.apply(&CallEvent::LocalTrackUnpublished {
            track: track(TrackSource::ScreenShare),
        });
        assert!(!share.local);
        assert_eq!(share.shown(), None);
    }

    #[test]
    fn their_screen_is_shown_over_ours() {
        let mut share = ScreenShare::default();
        share.apply(&CallEvent::LocalTrackPublished {
            track: track(TrackSource::ScreenShare),
        });
        share.apply(&subscribed("7", TrackSource::ScreenShare));
        assert_eq!(share.shown(), Some(Sharer::Them));
        assert!(share
            .text("Maya")
            .is_some_and(|t| t.contains("you see Maya's")));
    }

    #[test]
    fn leaving_or_disconnecting_ends_the_shares() {
        let mut share = ScreenShare::default();
        share.apply(&subscribed("7", TrackSource::ScreenShare));
        share.apply(&CallEvent::ParticipantDisconnected {
            identity: "8".into(),
            reason: None,
        });
        assert!(share.remote.is_some());
        share.apply(&CallEvent::ParticipantDisconnected {
            identity: "7".into(),
            reason: None,
        });
        assert_eq!(share.remote, None);
        share.apply(&CallEvent::LocalTrackPublished {
            track: track(TrackSource::ScreenShare),
        });
        share.apply(&CallEvent::Disconnected { reason: None });
        assert_eq!(share, ScreenShare::default());
    }

    #[test]
    fn an_unsubscribe_for_nobody_sharing_changes_nothing() {
        let mut share = ScreenShare::default();
        share.apply(&unsubscribed("7", TrackSource::ScreenShare));
        assert_eq!(share, ScreenShare::default());
    }
}
