//! "Test your setup" before joining: the result of each check (speaker,
//! microphone, camera, the connection to the video service) and its
//! words — what passed, and what to do about what did not.

pub use crate::livekit::setup_checks::{CheckOutcome, ConnectionReport, MediaOutcome};

/// How one check came out, for its badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotRun,
    Running,
    Passed,
    Failed,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotRun => "Not checked",
            Self::Running => "Checking…",
            Self::Passed => "Passed",
            Self::Failed => "Failed",
        }
    }
}

/// A check's result in words: its status, one line saying what was
/// found, and what to do when it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    pub summary: String,
    pub advice: Option<&'static str>,
}

impl Verdict {
    fn new(status: Status, summary: impl Into<String>, advice: Option<&'static str>) -> Self {
        Self {
            status,
            summary: summary.into(),
            advice,
        }
    }
}

// ---------- The speaker ----------

/// The speaker test: a short tone, then "Did you hear it?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerTest {
    NotRun,
    Playing,
    /// The tone has played; waiting for the answer.
    Asking,
    Heard,
    NotHeard,
    /// The browser could not play it.
    CouldNotPlay,
}

impl SpeakerTest {
    pub fn verdict(self) -> Verdict {
        match self {
            Self::NotRun => Verdict::new(
                Status::NotRun,
                "Play a short tone to check you can hear the call.",
                None,
            ),
            Self::Playing => Verdict::new(Status::Running, "Playing a tone…", None),
            Self::Asking => Verdict::new(Status::Running, "Did you hear the tone?", None),
            Self::Heard => Verdict::new(Status::Passed, "You can hear sound from Tandem.", None),
            Self::NotHeard => Verdict::new(
                Status::Failed,
                "You did not hear the tone.",
                Some(
                    "Turn the volume up, check the sound is not muted, and choose your \
                     speakers or headphones in your computer's sound settings; then play it again.",
                ),
            ),
            Self::CouldNotPlay => Verdict::new(
                Status::Failed,
                "Your browser could not play the tone.",
                Some("Reload the page and try again; if it still fails, try another browser."),
            ),
        }
    }
}

// ---------- The microphone ----------

/// Above this level (0 to 1) the microphone is picking up sound.
pub const HEARD_LEVEL: f64 = 0.02;

/// The microphone test, from the preview's level meter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MicrophoneTest {
    /// Not used (joining without microphone) or not started yet.
    Off,
    /// Running; `loudest` is the highest level seen since it started.
    Listening { loudest: f64 },
    /// The microphone could not be started (the page says why above).
    Failed,
}

impl MicrophoneTest {
    pub fn verdict(self) -> Verdict {
        match self {
            Self::Off => Verdict::new(Status::NotRun, "Your microphone is not in use.", None),
            Self::Listening { loudest } if loudest >= HEARD_LEVEL => Verdict::new(
                Status::Passed,
                "Your microphone picks up sound: watch the level move as you speak.",
                None,
            ),
            Self::Listening { .. } => Verdict::new(
                Status::Running,
                "Say something: the level moves when your microphone hears you.",
                Some(
                    "If it stays still, check the microphone is not muted (some headsets have \
                     a switch) and choose another one in Microphone.",
                ),
            ),
            Self::Failed => Verdict::new(
                Status::Failed,
                "Your microphone could not be started.",
                Some("See the message above for what to do, then try again."),
            ),
        }
    }
}

// ---------- The camera ----------

/// The camera test, from the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraTest {
    /// Audio only: not used.
    Off,
    Starting,
    /// The preview shows the camera's picture.
    Showing,
    Failed,
}

impl CameraTest {
    pub fn verdict(self) -> Verdict {
        match self {
            Self::Off => Verdict::new(Status::NotRun, "Audio only: your camera stays off.", None),
            Self::Starting => Verdict::new(Status::Running, "Starting your camera…", None),
            Self::Showing => Verdict::new(
                Status::Passed,
                "Your camera works: the preview shows what the other person will see.",
                None,
            ),
            Self::Failed => Verdict::new(
                Status::Failed,
                "Your camera could not be started.",
                Some("See the message above for what to do, then try again."),
            ),
        }
    }
}

// ---------- The connection ----------

/// The connection test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionTest {
    NotRun,
    Running,
    Done(ConnectionReport),
    /// The check itself could not run (no credentials, the library did not
    /// load).
    CouldNotRun,
}

const RETRY_ADVICE: &str = "Check your internet connection and try again.";

impl ConnectionTest {
    /// Signalling: can the browser reach the video service at all.
    pub fn signalling(&self) -> Verdict {
        match self {
            Self::NotRun => Verdict::new(
                Status::NotRun,
                "Check that your network lets you reach the video service.",
                None,
            ),
            Self::Running => Verdict::new(Status::Running, "Reaching the video service…", None),
            Self::Done(report) if report.signalling.passed => {
                Verdict::new(Status::Passed, "The video service is reachable.", None)
            }
            Self::Done(_) => Verdict::new(
                Status::Failed,
                "The video service could not be reached.",
                Some(
                    "Check your internet connection. On a work or public network, a firewall \
                     may block it: try another network, or ask whoever runs this one to allow \
                     secure WebSocket connections (wss) to the video service.",
                ),
            ),
            Self::CouldNotRun => Verdict::new(
                Status::Failed,
                "The check could not run.",
                Some(RETRY_ADVICE),
            ),
        }
    }

    /// Media: do sound and video get through, and over UDP (the fast way).
    pub fn media(&self) -> Verdict {
        match self {
            Self::NotRun => Verdict::new(
                Status::NotRun,
                "Check that sound and video can get through your network.",
                None,
            ),
            Self::Running => Verdict::new(Status::Running, "Sending a test connection…", None),
            Self::Done(ConnectionReport { media: None, .. }) => Verdict::new(
                Status::NotRun,
                "Not checked: the video service could not be reached.",
                None,
            ),
            Self::Done(ConnectionReport {
                media: Some(media), ..
            }) => media_verdict(media),
            Self::CouldNotRun => Verdict::new(Status::NotRun, "Not checked.", None),
        }
    }

    pub fn is_running(&self) -> bool {
        matches!(self, Self::Running)
    }
}

fn media_verdict(media: &MediaOutcome) -> Verdict {
    match (media.passed, media.protocol.as_deref()) {
        (true, Some("udp")) => Verdict::new(
            Status::Passed,
            "Sound and video get through over UDP, the fastest way.",
            None,
        ),
        (true, _) => Verdict::new(
            Status::Failed,
            "Sound and video get through, but not over UDP: the call may lag or stutter.",
            Some(
                "Your network blocks UDP. The call will still work; for a smoother one, try \
                 another network or ask whoever runs this one to allow outgoing UDP traffic.",
            ),
        ),
        (false, _) => Verdict::new(
            Status::Failed,
            "Sound and video could not get through.",
            Some(
                "A firewall or VPN is probably blocking the call. Turn the VPN off or try \
                 another network, or ask whoever runs this one to allow UDP and TCP traffic \
                 to the video service.",
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(signalling: bool, media: Option<(bool, Option<&str>)>) -> ConnectionTest {
        ConnectionTest::Done(ConnectionReport {
            signalling: CheckOutcome { passed: signalling },
            media: media.map(|(passed, protocol)| MediaOutcome {
                passed,
                protocol: protocol.map(str::to_owned),
            }),
        })
    }

    #[test]
    fn a_good_connection_passes_both_checks() {
        let test = report(true, Some((true, Some("udp"))));
        assert_eq!(test.signalling().status, Status::Passed);
        let media = test.media();
        assert_eq!(media.status, Status::Passed);
        assert!(media.summary.contains("UDP"));
        assert_eq!(media.advice, None);
    }

    #[test]
    fn an_unreachable_service_fails_signalling_and_skips_media() {
        let test = report(false, None);
        let signalling = test.signalling();
        assert_eq!(signalling.status, Status::Failed);
        assert_eq!(
            signalling.summary,
            "The video service could not be reached."
        );
        assert!(signalling.advice.is_some_and(|a| a.contains("firewall")));
        assert_eq!(test.media().status, Status::NotRun);
    }

    #[test]
    fn media_over_tcp_only_fails_with_what_to_do() {
        let media = report(true, Some((true, Some("tcp")))).media();
        assert_eq!(media.status, Status::Failed);
        assert!(media.summary.contains("not over UDP"));
        assert!(media
            .advice
            .is_some_and(|a| a.contains("allow outgoing UDP")));
    }

    #[test]
    fn blocked_media_fails_with_what_to_do() {
        let media = report(true, Some((false, None))).media();
        assert_eq!(media.status, Status::Failed);
        assert_eq!(media.summary, "Sound and video could not get through.");
        assert!(media.advice.is_some_and(|a| a.contains("VPN")));
    }

    #[test]
    fn the_speaker_asks_then_says_what_to_do_when_not_heard() {
        assert_eq!(
            SpeakerTest::Asking.verdict().summary,
            "Did you hear the tone?"
        );
        assert_eq!(SpeakerTest::Heard.verdict().status, Status::Passed);
        let not_heard = SpeakerTest::NotHeard.verdict();
        assert_eq!(not_heard.status, Status::Failed);
        assert!(not_heard.advice.is_some_and(|a| a.contains("volume")));
        assert_eq!(SpeakerTest::CouldNotPlay.verdict().status, Status::Failed);
    }

    #[test]
    fn the_microphone_passes_once_it_hears_something() {
        let quiet = MicrophoneTest::Listening { loudest: 0.0 }.verdict();
        assert_eq!(quiet.status, Status::Running);
        assert!(quiet.advice.is_some());
        let heard = MicrophoneTest::Listening {
            loudest: HEARD_LEVEL,
        }
        .verdict();
        assert_eq!(heard.status, Status::Passed);
        assert_eq!(MicrophoneTest::Off.verdict().status, Status::NotRun);
        assert_eq!(MicrophoneTest::Failed.verdict().status, Status::Failed);
    }

    #[test]
    fn the_camera_passes_while_the_preview_shows_it() {
        assert_eq!(CameraTest::Showing.verdict().status, Status::Passed);
        assert_eq!(CameraTest::Failed.verdict().status, Status::Failed);
        assert_eq!(CameraTest::Off.verdict().status, Status::NotRun);
    }

    #[test]
    fn a_check_that_could_not_run_says_so() {
        let test = ConnectionTest::CouldNotRun;
        assert_eq!(test.signalling().status, Status::Failed);
        assert_eq!(test.signalling().advice, Some(RETRY_ADVICE));
        assert!(!test.is_running());
        assert!(ConnectionTest::Running.is_running());
    }
}
