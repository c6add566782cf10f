//! Everything that can keep someone out of a call, in words, with the way
//! forward each one offers.

use chrono::{DateTime, Duration, TimeZone, Utc};
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::validation::CALL_JOIN_LEAD_MINUTES;
use tandem_api::ErrorCode;

use crate::api::ApiError;
use crate::booking::time::clock;
use crate::livekit::events::DeviceKind;
use crate::livekit::{Capture, DeviceFailure, LiveKitError};

/// Why the call cannot be joined (or a camera or microphone cannot be used).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallProblem {
    /// The account must verify its email address first.
    NotVerified,
    /// Not one of the signed-in user's sessions (or no such session).
    NotFound,
    Cancelled,
    /// The call window has not opened yet; it opens at this local time.
    TooEarly {
        opens_at: Option<String>,
    },
    Ended,
    RateLimited {
        minutes: Option<u64>,
    },
    CallsUnavailable,
    /// Tandem's API could not be reached.
    Offline,
    /// LiveKit could not be reached.
    LiveKitUnreachable,
    /// LiveKit refused the access token, even a fresh one.
    TokenRejected,
    PermissionDenied {
        devices: Devices,
    },
    NoDevice {
        devices: Devices,
    },
    DeviceInUse {
        devices: Devices,
    },
    /// A camera or microphone failed in another way.
    DeviceFailed {
        devices: Devices,
    },
    Other(String),
}

/// Which devices a device problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Devices {
    Microphone,
    Camera,
    /// Both were asked for together (the browser does not say which failed).
    CameraAndMicrophone,
}

impl Devices {
    /// The devices `capture` asks for (the microphone when it asks for none).
    pub fn of(capture: &Capture) -> Self {
        match (capture.video, capture.audio) {
            (true, true) => Self::CameraAndMicrophone,
            (true, false) => Self::Camera,
            (false, _) => Self::Microphone,
        }
    }

    /// The devices of a failure during the call: the one of `kind`, or
    /// both when the failure did not say.
    pub fn of_kind(kind: Option<DeviceKind>) -> Self {
        match kind {
            Some(DeviceKind::AudioInput) => Self::Microphone,
            Some(DeviceKind::VideoInput) => Self::Camera,
            Some(DeviceKind::AudioOutput) | None => Self::CameraAndMicrophone,
        }
    }

    fn has_camera(self) -> bool {
        self != Self::Microphone
    }
}

/// What a problem's alert offers besides its message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actions {
    /// "Try again".
    pub retry: bool,
    /// "Use audio only": join without the camera.
    pub audio_only: bool,
    /// "Join without camera or microphone".
    pub listen_only: bool,
    /// A link back to the sessions page.
    pub sessions: bool,
}

impl CallProblem {
    /// The problem behind a refused `POST /api/bookings/{id}/call`, told
    /// with what is known about the booking. `None` for `401` (the page
    /// sends the person to sign in).
    pub fn from_credentials<Tz>(
        error: &ApiError,
        booking: Option<&Booking>,
        now: DateTime<Utc>,
        tz: &Tz,
    ) -> Option<Self>
    where
        Tz: TimeZone,
        Tz::Offset: std::fmt::Display,
    {
        let problem = match error {
            ApiError::Network(_) => Self::Offline,
            _ if error.is_unauthorized() => return None,
            _ => match error.code() {
                Some(ErrorCode::NotVerified) => Self::NotVerified,
                Some(ErrorCode::NotFound | ErrorCode::Forbidden) => Self::NotFound,
                Some(ErrorCode::Conflict) => Self::Cancelled,
                Some(ErrorCode::OutsideCallWindow) => match booking {
                    Some(booking) if now >= booking.end_time => Self::Ended,
                    Some(booking) => Self::TooEarly {
                        opens_at: Some(clock(tz, opens_at(booking.start_time))),
                    },
                    None => Self::TooEarly { opens_at: None },
                },
                Some(ErrorCode::RateLimited) => Self::RateLimited {
                    minutes: error.retry_after_seconds().map(minutes_to_wait),
                },
                Some(ErrorCode::CallsUnavailable | ErrorCode::ServiceUnavailable) => {
                    Self::CallsUnavailable
                }
                _ => Self::Other(error.user_message()),
            },
        };
        Some(problem)
    }

    /// What the booking itself says before asking for credentials: a
    /// cancelled session cannot be joined.
    pub fn from_booking(booking: &Booking) -> Option<Self> {
        (booking.status == BookingStatus::Cancelled).then_some(Self::Cancelled)
    }

    /// The problem behind a failed connection to the room.
    pub fn from_connect(error: &LiveKitError) -> Self {
        if error.is_token_rejected() {
            Self::TokenRejected
        } else {
            Self::LiveKitUnreachable
        }
    }

    /// The problem behind a camera or microphone that could not be opened
    /// for `capture`.
    pub fn from_device(error: &LiveKitError, capture: &Capture) -> Self {
        Self::from_devices(error, Devices::of(capture))
    }

    /// The problem behind a failure of `devices`.
    pub fn from_devices(error: &LiveKitError, devices: Devices) -> Self {
        match error.device_failure() {
            DeviceFailure::PermissionDenied => Self::PermissionDenied { devices },
            DeviceFailure::NotFound => Self::NoDevice { devices },
            DeviceFailure::InUse => Self::DeviceInUse { devices },
            DeviceFailure::Other => Self::DeviceFailed { devices },
        }
    }

    /// A camera or microphone problem (the call itself may still be joined).
    pub fn is_device_problem(&self) -> bool {
        matches!(
            self,
            Self::PermissionDenied { .. }
                | Self::NoDevice { .. }
                | Self::DeviceInUse { .. }
                | Self::DeviceFailed { .. }
        )
    }

    pub fn title(&self) -> String {
        match self {
            Self::NotVerified => "Verify your account to join this call".to_owned(),
            Self::NotFound => "We could not find this session".to_owned(),
            Self::Cancelled => "This session was cancelled".to_owned(),
            Self::TooEarly {
                opens_at: Some(time),
            } => format!("This call opens at {time}"),
            Self::TooEarly { opens_at: None } => "This call is not open yet".to_owned(),
            Self::Ended => "This session has ended".to_owned(),
            Self::RateLimited { .. } => "Too many attempts to join".to_owned(),
            Self::CallsUnavailable => "Video calls are unavailable right now".to_owned(),
            Self::Offline => "We could not reach Tandem".to_owned(),
            Self::LiveKitUnreachable => "We could not connect to the call".to_owned(),
            Self::TokenRejected => "Your access to this call has expired".to_owned(),
            Self::PermissionDenied { devices } => {
                format!("Tandem is not allowed to use your {}", either(*devices))
            }
            Self::NoDevice { devices } => format!("We could not find your {}", either(*devices)),
            Self::DeviceInUse { devices } => format!("Your {} is busy", either(*devices)),
            Self::DeviceFailed { devices } => {
                format!("Your {} could not be started", either(*devices))
            }
            Self::Other(_) => "Something went wrong".to_owned(),
        }
    }

    pub fn message(&self) -> String {
        match self {
            Self::NotVerified => {
                "Calls are only open to verified accounts. Verify your email address, then come back to this page."
                    .to_owned()
            }
            Self::NotFound => {
                "It is not one of your upcoming sessions. Check your sessions for the right one."
                    .to_owned()
            }
            Self::Cancelled => "A cancelled session has no call.".to_owned(),
            Self::TooEarly { .. } => format!(
                "You can join from {CALL_JOIN_LEAD_MINUTES} minutes before the session starts."
            ),
            Self::Ended => "Its call is closed.".to_owned(),
            Self::RateLimited {
                minutes: Some(minutes),
            } => format!(
                "You asked to join calls too often. Try again in {}.",
                count(*minutes, "minute")
            ),
            Self::RateLimited { minutes: None } => {
                "You asked to join calls too often. Try again in a few minutes.".to_owned()
            }
            Self::CallsUnavailable => {
                "The video service is not available at the moment. Try again in a little while."
                    .to_owned()
            }
            Self::Offline => "Check your internet connection, then try again.".to_owned(),
            Self::LiveKitUnreachable => {
                "The video service cannot be reached. Check your internet connection, then try again."
                    .to_owned()
            }
            Self::TokenRejected => "Try again to get a new one.".to_owned(),
            Self::PermissionDenied {
                devices: Devices::CameraAndMicrophone,
            } => "Allow camera and microphone in your browser's site settings, then try again."
                .to_owned(),
            Self::PermissionDenied { devices } => format!(
                "Allow the {} in your browser's site settings, then try again.",
                both(*devices)
            ),
            Self::NoDevice { devices } => format!(
                "Connect a {}, or check that your browser can use it, then try again.",
                both(*devices)
            ),
            Self::DeviceInUse { devices } => format!(
                "Another app or browser tab may be using your {}. Close it, then try again.",
                either(*devices)
            ),
            Self::DeviceFailed { .. } => "Try again, or choose another device.".to_owned(),
            Self::Other(message) => message.clone(),
        }
    }

    pub fn actions(&self) -> Actions {
        match self {
            Self::NotVerified => Actions::default(),
            Self::NotFound | Self::Cancelled | Self::Ended => Actions {
                sessions: true,
                ..Actions::default()
            },
            Self::TooEarly { .. }
            | Self::CallsUnavailable
            | Self::Offline
            | Self::LiveKitUnreachable
            | Self::TokenRejected
            | Self::Other(_) => Actions {
                retry: true,
                ..Actions::default()
            },
            Self::RateLimited { .. } => Actions {
                sessions: true,
                ..Actions::default()
            },
            Self::PermissionDenied { devices }
            | Self::NoDevice { devices }
            | Self::DeviceInUse { devices }
            | Self::DeviceFailed { devices } => Actions {
                retry: true,
                audio_only: devices.has_camera(),
                listen_only: true,
                sessions: false,
            },
        }
    }
}

/// When the call window of a session starting at `start` opens.
pub fn opens_at(start: DateTime<Utc>) -> DateTime<Utc> {
    start - Duration::minutes(CALL_JOIN_LEAD_MINUTES)
}

/// Whole minutes to wait, rounded up, at least one.
pub fn minutes_to_wait(seconds: u64) -> u64 {
    seconds.div_ceil(60).max(1)
}

/// "Your … is busy": one of them failed.
fn either(devices: Devices) -> &'static str {
    match devices {
        Devices::Microphone => "microphone",
        Devices::Camera => "camera",
        Devices::CameraAndMicrophone => "camera or microphone",
    }
}

/// "Connect a …": everything asked for.
fn both(devices: Devices) -> &'static str {
    match devices {
        Devices::Microphone => "microphone",
        Devices::Camera => "camera",
        Devices::CameraAndMicrophone => "camera and microphone",
    }
}

fn count(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests;
