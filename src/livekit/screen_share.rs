//! Sharing the screen from a [`CallRoom`].

use web_sys::HtmlMediaElement;

use super::bindings;
use super::events::TrackSource;
use super::{CallRoom, LiveKitError};

impl CallRoom {
    /// Starts sharing the screen (the browser asks which; its sound too
    /// where the browser offers it) or stops. `Ok(false)` after starting:
    /// the person closed the browser's picker.
    pub async fn set_screen_share_enabled(&self, enabled: bool) -> Result<bool, LiveKitError> {
        let sharing = bindings::set_screen_share_enabled(&self.handle, enabled)
            .await
            .map_err(LiveKitError::from_js)?;
        Ok(sharing.as_bool().unwrap_or(false))
    }

    /// Shows our own published track of `source` (our shared screen) in
    /// `element`; `false` without one.
    pub fn attach_local(&self, source: TrackSource, element: &HtmlMediaElement) -> bool {
        bindings::attach_local_track(&self.handle, source.as_str(), element).unwrap_or(false)
    }
}
