//! LiveKit video calls from Rust.
//!
//! The browser side of a call is the `livekit-client` npm library. Two
//! small JavaScript modules, `bridge.js` (the room; it also loads the
//! library on first use) and `devices.js` (devices, the preview, Test your
//! setup), turn its objects, events and errors into plain data;
//! [`bindings`] declares their functions for wasm-bindgen. The rest of the app uses only the
//! safe types here, which never expose a `JsValue`:
//!
//! - [`CallRoom`] owns a room and the callback its [`CallEvent`]s go to;
//!   dropping it disconnects and removes the listeners.
//! - [`MediaPreview`] owns the camera and microphone tracks made before
//!   joining; dropping it stops them. [`LevelMeter`] reads the microphone
//!   level; [`list_devices`] lists cameras and microphones.
//! - [`setup_checks`] plays a test tone and checks the connection to
//!   LiveKit before joining.
//! - [`LiveKitError`] says why something failed, for the page to explain.

mod bindings;
mod error;
pub mod events;
mod preview;
mod room;
mod screen_share;
pub mod setup_checks;

pub use error::{DeviceFailure, LiveKitError};
pub use events::CallEvent;
pub use preview::{
    can_choose_speaker, list_devices, Capture, Device, DeviceIds, LevelMeter, MediaPreview,
};
pub use room::CallRoom;

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// Reads a plain object from the bridge (through its JSON text).
fn from_json<T: DeserializeOwned>(value: &JsValue) -> Option<T> {
    let json = js_sys::JSON::stringify(value).ok()?.as_string()?;
    serde_json::from_str(&json).ok()
}
