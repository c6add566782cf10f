//! Before joining: the camera preview, the microphone level and the list of
//! devices.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlMediaElement;

use super::bindings::{self, LevelMeterHandle, LocalTracks};
use super::events::DeviceKind;
use super::{from_json, LiveKitError};

/// What to capture, and from which devices (`None`: the default one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Capture {
    pub audio: bool,
    pub video: bool,
    pub audio_device_id: Option<String>,
    pub video_device_id: Option<String>,
}

impl Capture {
    pub fn is_empty(&self) -> bool {
        !self.audio && !self.video
    }
}

/// A camera, microphone or speaker.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub device_id: String,
    /// What the browser calls it ("FaceTime HD Camera"); empty before the
    /// page was allowed to use devices.
    pub label: String,
}

/// The devices each preview track uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct DeviceIds {
    pub audio: Option<String>,
    pub video: Option<String>,
}

/// Whether the browser lets the page choose where the call's sound plays.
pub fn can_choose_speaker() -> bool {
    bindings::can_choose_speaker()
}

/// The devices of one kind, once the page may use them (labels included).
pub async fn list_devices(kind: DeviceKind) -> Result<Vec<Device>, LiveKitError> {
    let value = bindings::list_devices(kind.as_str())
        .await
        .map_err(LiveKitError::from_js)?;
    Ok(from_json(&value).unwrap_or_default())
}

/// Live camera and/or microphone tracks, made before joining so that the
/// person sees themselves and their level, then handed to the room with
/// [`CallRoom::publish`](super::CallRoom::publish). Dropping it stops the
/// tracks: the camera light goes off.
pub struct MediaPreview {
    tracks: Option<LocalTracks>,
    capture: Capture,
}

impl MediaPreview {
    /// Asks for the camera and microphone `capture` names (the browser may
    /// ask the person first). Loads livekit-client on first use.
    pub async fn start(capture: Capture) -> Result<Self, LiveKitError> {
        let options = serde_json::to_string(&capture)
            .ok()
            .and_then(|json| js_sys::JSON::parse(&json).ok())
            .unwrap_or(JsValue::UNDEFINED);
        // Dropping this future (the page went away while the browser was
        // still asking for permission) cancels the request, so that tracks
        // arriving later are stopped instead of keeping the camera on.
        let request = bindings::request_preview_tracks(&options);
        let promise = bindings::preview_tracks_promise(&request);
        let pending = PendingTracks(Some(request));
        let answer = JsFuture::from(promise).await;
        pending.settled();
        let tracks = answer.map_err(LiveKitError::from_js)?.unchecked_into();
        Ok(Self {
            tracks: Some(tracks),
            capture,
        })
    }

    /// What was asked for.
    pub fn capture(&self) -> &Capture {
        &self.capture
    }

    /// Shows the camera in `element`; `false` without a camera track.
    pub fn attach_video(&self, element: &HtmlMediaElement) -> bool {
        self.tracks
            .as_ref()
            .is_some_and(|tracks| bindings::attach_preview_video(tracks, element).unwrap_or(false))
    }

    /// The devices the tracks actually use (the defaults when none were named).
    pub async fn device_ids(&self) -> DeviceIds {
        let Some(tracks) = &self.tracks else {
            return DeviceIds::default();
        };
        match bindings::preview_device_ids(tracks).await {
            Ok(value) => from_json(&value).unwrap_or_default(),
            Err(_) => DeviceIds::default(),
        }
    }

    /// A reader of the microphone's level, when there is a microphone.
    pub fn level_meter(&self) -> Option<LevelMeter> {
        let tracks = self.tracks.as_ref()?;
        let handle = bindings::create_level_meter(tracks).ok()??;
        Some(LevelMeter { handle })
    }

    pub(super) fn take_tracks(&mut self) -> Option<LocalTracks> {
        self.tracks.take()
    }
}

impl Drop for MediaPreview {
    fn drop(&mut self) {
        if let Some(tracks) = self.tracks.take() {
            let _ = bindings::stop_tracks(&tracks);
        }
    }
}

/// A track request in flight; dropped before it settled, it is cancelled.
struct PendingTracks(Option<bindings::TracksRequest>);

impl PendingTracks {
    /// The answer came: nothing to cancel any more.
    fn settled(mut self) {
        self.0 = None;
    }
}

impl Drop for PendingTracks {
    fn drop(&mut self) {
        if let Some(request) = self.0.take() {
            bindings::cancel_preview_tracks(&request);
        }
    }
}

/// The microphone level of a preview. Dropping it closes its audio graph.
pub struct LevelMeter {
    handle: LevelMeterHandle,
}

impl LevelMeter {
    /// The level now, 0 (silence) to 1.
    pub fn level(&self) -> f64 {
        bindings::read_level(&self.handle)
            .unwrap_or(0.0)
            .clamp(0.0, 1.0)
    }
}

impl Drop for LevelMeter {
    fn drop(&mut self) {
        let _ = bindings::stop_level_meter(&self.handle);
    }
}
