//! The functions of `bridge.js` (the room) and `devices.js` (devices, the
//! preview, Test your setup), one to one, with their JavaScript names in
//! snake case. Everything that can throw or reject is declared with `catch`;
//! a rejection carries the bridge's plain `{name, message, reason, status}`
//! object. Only the façade in this module's siblings calls these.

use wasm_bindgen::prelude::*;
use web_sys::HtmlMediaElement;

#[wasm_bindgen(module = "/src/livekit/bridge.js")]
extern "C" {
    /// `{room, listeners}`: a livekit-client `Room` and the listeners the
    /// bridge registered on it.
    pub type RoomHandle;

    /// A JavaScript array of livekit-client `LocalTrack`s.
    pub type LocalTracks;

    /// An audio analyser on a microphone track (`createAudioAnalyser`).
    pub type LevelMeterHandle;

    /// `{cancelled, promise}`: a pending `requestPreviewTracks`.
    pub type TracksRequest;

    /// A new room whose events are passed to `on_event` as plain objects.
    #[wasm_bindgen(catch, js_name = createRoom)]
    pub async fn create_room(on_event: &Closure<dyn FnMut(JsValue)>)
        -> Result<RoomHandle, JsValue>;

    /// Removes the listeners, detaches every track, disconnects.
    #[wasm_bindgen(catch, js_name = disposeRoom)]
    pub fn dispose_room(handle: &RoomHandle) -> Result<(), JsValue>;

    /// Opens the connection to LiveKit ahead of `connect`.
    #[wasm_bindgen(catch, js_name = prepareConnection)]
    pub async fn prepare_connection(
        handle: &RoomHandle,
        url: &str,
        token: &str,
    ) -> Result<(), JsValue>;

    /// Joins the room.
    #[wasm_bindgen(catch)]
    pub async fn connect(handle: &RoomHandle, url: &str, token: &str) -> Result<(), JsValue>;

    /// Leaves the room and stops the local tracks.
    #[wasm_bindgen(catch)]
    pub async fn disconnect(handle: &RoomHandle) -> Result<(), JsValue>;

    /// `{state, canPlaybackAudio, participants: [{identity, quality, tracks}]}`.
    #[wasm_bindgen(catch)]
    pub fn snapshot(handle: &RoomHandle) -> Result<JsValue, JsValue>;

    /// Publishes tracks made by `create_preview_tracks`.
    #[wasm_bindgen(catch, js_name = publishTracks)]
    pub async fn publish_tracks(handle: &RoomHandle, tracks: &LocalTracks) -> Result<(), JsValue>;

    /// Sends text to the others in the room, reliably, on a topic.
    #[wasm_bindgen(catch, js_name = sendData)]
    pub async fn send_data(handle: &RoomHandle, topic: &str, text: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = setMicrophoneEnabled)]
    pub async fn set_microphone_enabled(
        handle: &RoomHandle,
        enabled: bool,
        device_id: Option<String>,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = setCameraEnabled)]
    pub async fn set_camera_enabled(
        handle: &RoomHandle,
        enabled: bool,
        device_id: Option<String>,
    ) -> Result<(), JsValue>;

    /// Plays a remote participant's track of `source` in `element`; `false`
    /// when there is no such track.
    #[wasm_bindgen(catch, js_name = attachRemoteTrack)]
    pub fn attach_remote_track(
        handle: &RoomHandle,
        identity: &str,
        source: &str,
        element: &HtmlMediaElement,
    ) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_name = detachRemoteTrack)]
    pub fn detach_remote_track(
        handle: &RoomHandle,
        identity: &str,
        source: &str,
        element: &HtmlMediaElement,
    ) -> Result<(), JsValue>;

    /// Shows the published camera in `element`; `false` without one.
    #[wasm_bindgen(catch, js_name = attachLocalVideo)]
    pub fn attach_local_video(
        handle: &RoomHandle,
        element: &HtmlMediaElement,
    ) -> Result<bool, JsValue>;

    /// Starts audio playback after a click when the browser blocked it.
    #[wasm_bindgen(catch, js_name = startAudio)]
    pub async fn start_audio(handle: &RoomHandle) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = canPlaybackAudio)]
    pub fn can_playback_audio(handle: &RoomHandle) -> Result<bool, JsValue>;

    #[wasm_bindgen(catch, js_name = switchActiveDevice)]
    pub async fn switch_active_device(
        handle: &RoomHandle,
        kind: &str,
        device_id: &str,
    ) -> Result<(), JsValue>;

    /// The device the room uses for a kind, when it knows.
    #[wasm_bindgen(catch, js_name = activeDevice)]
    pub fn active_device(handle: &RoomHandle, kind: &str) -> Result<Option<String>, JsValue>;
}

// ---------- Screen share (call extras) ----------

#[wasm_bindgen(module = "/src/livekit/bridge.js")]
extern "C" {
    /// Starts or stops sharing the screen (with its sound where offered);
    /// resolves to whether we share now (`false` when the picker was
    /// closed).
    #[wasm_bindgen(catch, js_name = setScreenShareEnabled)]
    pub async fn set_screen_share_enabled(
        handle: &RoomHandle,
        enabled: bool,
    ) -> Result<JsValue, JsValue>;

    /// Shows our own published track of `source` in `element`; `false`
    /// without one.
    #[wasm_bindgen(catch, js_name = attachLocalTrack)]
    pub fn attach_local_track(
        handle: &RoomHandle,
        source: &str,
        element: &HtmlMediaElement,
    ) -> Result<bool, JsValue>;
}

// ---------- Devices, the preview, Test your setup (`devices.js`) ----------

#[wasm_bindgen(module = "/src/livekit/devices.js")]
extern "C" {
    /// Whether the browser lets the page choose the speaker.
    #[wasm_bindgen(js_name = canChooseSpeaker)]
    pub fn can_choose_speaker() -> bool;

    /// `[{deviceId, label}]` of one kind (`audioinput`, `videoinput`).
    #[wasm_bindgen(catch, js_name = listDevices)]
    pub async fn list_devices(kind: &str) -> Result<JsValue, JsValue>;

    /// Asks for camera and microphone tracks: `{audio, video, audioDeviceId,
    /// videoDeviceId}`; the answer comes through [`preview_tracks_promise`].
    #[wasm_bindgen(js_name = requestPreviewTracks)]
    pub fn request_preview_tracks(options: &JsValue) -> TracksRequest;

    /// Resolves to the request's `LocalTracks` (none after a cancel), or
    /// rejects with a plain error.
    #[wasm_bindgen(js_name = previewTracksPromise)]
    pub fn preview_tracks_promise(request: &TracksRequest) -> js_sys::Promise;

    /// Gives the request up: tracks that arrive later are stopped at once.
    #[wasm_bindgen(js_name = cancelPreviewTracks)]
    pub fn cancel_preview_tracks(request: &TracksRequest);

    #[wasm_bindgen(catch, js_name = attachPreviewVideo)]
    pub fn attach_preview_video(
        tracks: &LocalTracks,
        element: &HtmlMediaElement,
    ) -> Result<bool, JsValue>;

    /// `{audio, video}`: the device id each track uses, or null.
    #[wasm_bindgen(catch, js_name = previewDeviceIds)]
    pub async fn preview_device_ids(tracks: &LocalTracks) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = stopTracks)]
    pub fn stop_tracks(tracks: &LocalTracks) -> Result<(), JsValue>;

    /// A level reader on the microphone track, or null without one.
    #[wasm_bindgen(catch, js_name = createLevelMeter)]
    pub fn create_level_meter(tracks: &LocalTracks) -> Result<Option<LevelMeterHandle>, JsValue>;

    /// The level, 0 to 1.
    #[wasm_bindgen(catch, js_name = readLevel)]
    pub fn read_level(meter: &LevelMeterHandle) -> Result<f64, JsValue>;

    #[wasm_bindgen(catch, js_name = stopLevelMeter)]
    pub fn stop_level_meter(meter: &LevelMeterHandle) -> Result<(), JsValue>;

    /// Plays a short tone on the default speaker; resolves when it is over.
    #[wasm_bindgen(catch, js_name = playTestTone)]
    pub async fn play_test_tone() -> Result<(), JsValue>;

    /// livekit-client's `ConnectionCheck`: `{signalling: {passed},
    /// media: {passed, protocol} | null}`.
    #[wasm_bindgen(catch, js_name = checkConnection)]
    pub async fn check_connection(url: &str, token: &str) -> Result<JsValue, JsValue>;
}
