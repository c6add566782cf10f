//! [`CallRoom`]: one LiveKit room, owned by Rust.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::HtmlMediaElement;

use super::bindings::{self, LocalTracks, RoomHandle};
use super::events::{CallEvent, DeviceKind, RoomSnapshot, TrackSource};
use super::preview::MediaPreview;
use super::{from_json, LiveKitError};

/// A LiveKit room (adaptive stream and dynacast on) and the Rust callback
/// its events go to.
///
/// Dropping it removes the event listeners, detaches every track, stops the
/// tracks it published and disconnects; the callback is released after
/// that, so JavaScript never calls a dropped closure.
pub struct CallRoom {
    pub(super) handle: RoomHandle,
    /// Tracks given to the room by [`CallRoom::publish`], stopped on drop
    /// even if publishing them failed half way.
    published: RefCell<Vec<LocalTracks>>,
    _on_event: Closure<dyn FnMut(JsValue)>,
}

impl CallRoom {
    /// A new room, not connected yet. Loads livekit-client on first use.
    pub async fn new(mut on_event: impl FnMut(CallEvent) + 'static) -> Result<Self, LiveKitError> {
        let callback = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            match from_json::<CallEvent>(&value) {
                Some(event) => on_event(event),
                None => log::warn!("ignoring an unreadable LiveKit event: {value:?}"),
            }
        });
        let handle = bindings::create_room(&callback)
            .await
            .map_err(LiveKitError::from_js)?;
        Ok(Self {
            handle,
            published: RefCell::new(Vec::new()),
            _on_event: callback,
        })
    }

    /// Resolves the server and opens the connection early (call it as soon
    /// as the credentials are known), so that [`CallRoom::connect`] is quick.
    pub async fn prepare_connection(&self, url: &str, token: &str) -> Result<(), LiveKitError> {
        bindings::prepare_connection(&self.handle, url, token)
            .await
            .map_err(LiveKitError::from_js)
    }

    /// Joins the room with an access token.
    pub async fn connect(&self, url: &str, token: &str) -> Result<(), LiveKitError> {
        bindings::connect(&self.handle, url, token)
            .await
            .map_err(LiveKitError::from_js)
    }

    /// Leaves the room and stops the local tracks (the camera light goes
    /// off). The room can connect again afterwards.
    pub async fn disconnect(&self) -> Result<(), LiveKitError> {
        let result = bindings::disconnect(&self.handle)
            .await
            .map_err(LiveKitError::from_js);
        self.stop_published();
        result
    }

    /// Sends `text` to the others in the room, reliably, on `topic`.
    pub async fn send_text(&self, topic: &str, text: &str) -> Result<(), LiveKitError> {
        bindings::send_data(&self.handle, topic, text)
            .await
            .map_err(LiveKitError::from_js)
    }

    /// The room's state and the other participants, as they are now.
    pub fn snapshot(&self) -> Option<RoomSnapshot> {
        let value = bindings::snapshot(&self.handle).ok()?;
        from_json(&value)
    }

    /// Publishes the preview's camera and microphone tracks; the room owns
    /// them from now on.
    pub async fn publish(&self, mut preview: MediaPreview) -> Result<(), LiveKitError> {
        let Some(tracks) = preview.take_tracks() else {
            return Ok(());
        };
        let result = bindings::publish_tracks(&self.handle, &tracks).await;
        self.published.borrow_mut().push(tracks);
        result.map_err(LiveKitError::from_js)
    }

    /// Mutes or unmutes the microphone (publishing one when there is none).
    pub async fn set_microphone_enabled(
        &self,
        enabled: bool,
        device_id: Option<String>,
    ) -> Result<(), LiveKitError> {
        bindings::set_microphone_enabled(&self.handle, enabled, device_id)
            .await
            .map_err(LiveKitError::from_js)
    }

    /// Turns the camera off (releasing it) or on (publishing one when
    /// there is none).
    pub async fn set_camera_enabled(
        &self,
        enabled: bool,
        device_id: Option<String>,
    ) -> Result<(), LiveKitError> {
        bindings::set_camera_enabled(&self.handle, enabled, device_id)
            .await
            .map_err(LiveKitError::from_js)
    }

    /// Plays another participant's track in `element`; `false` when they
    /// have no such track (yet).
    pub fn attach_remote(
        &self,
        identity: &str,
        source: TrackSource,
        element: &HtmlMediaElement,
    ) -> bool {
        bindings::attach_remote_track(&self.handle, identity, source.as_str(), element)
            .unwrap_or(false)
    }

    pub fn detach_remote(&self, identity: &str, source: TrackSource, element: &HtmlMediaElement) {
        let _ = bindings::detach_remote_track(&self.handle, identity, source.as_str(), element);
    }

    /// Shows our own published camera in `element`; `false` without one.
    pub fn attach_local_video(&self, element: &HtmlMediaElement) -> bool {
        bindings::attach_local_video(&self.handle, element).unwrap_or(false)
    }

    /// Starts playing the other side's audio; call it from a click when
    /// [`CallRoom::can_playback_audio`] is false.
    pub async fn start_audio(&self) -> Result<(), LiveKitError> {
        bindings::start_audio(&self.handle)
            .await
            .map_err(LiveKitError::from_js)
    }

    pub fn can_playback_audio(&self) -> bool {
        bindings::can_playback_audio(&self.handle).unwrap_or(true)
    }

    /// Moves the published camera or microphone to another device.
    pub async fn switch_active_device(
        &self,
        kind: DeviceKind,
        device_id: &str,
    ) -> Result<(), LiveKitError> {
        bindings::switch_active_device(&self.handle, kind.as_str(), device_id)
            .await
            .map_err(LiveKitError::from_js)
    }

    /// The device the room uses for `kind` (what it fell back to, when
    /// the chosen one went away).
    pub fn active_device(&self, kind: DeviceKind) -> Option<String> {
        bindings::active_device(&self.handle, kind.as_str())
            .ok()
            .flatten()
    }

    fn stop_published(&self) {
        for tracks in self.published.borrow_mut().drain(..) {
            let _ = bindings::stop_tracks(&tracks);
        }
    }
}

impl Drop for CallRoom {
    fn drop(&mut self) {
        if let Err(error) = bindings::dispose_room(&self.handle) {
            log::warn!(
                "closing the LiveKit room failed: {}",
                LiveKitError::from_js(error)
            );
        }
        self.stop_published();
    }
}
