//! [`CallController`]: the call page's state and everything it does — load
//! the booking, get credentials and warm the connection up, run the camera
//! preview, join, leave — as one `Copy` value the page's pieces share.
//!
//! The browser resources it holds (the LiveKit room, the preview tracks,
//! the level meter) live in the page's reactive owner: they are released
//! when the page goes away, and every task it starts is cancelled then.

use std::future::Future;
use std::rc::Rc;

use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use tandem_api::auth::User;
use tandem_api::bookings::Booking;
use tandem_api::calls::{CallCredentials, RoomStatus};
use tandem_api::{BookingId, UserId};

use crate::api::ApiError;
use crate::auth::{use_auth, Auth};
use crate::call::chat::{self, Chat};
use crate::call::presence::other_participant;
use crate::call::problem::CallProblem;
use crate::call::requests;
use crate::call::state::{CallState, Connection, DeviceError, Presence};
use crate::livekit::events::{CallEvent, DeviceKind, DisconnectReason, TrackSource};
use crate::livekit::{list_devices, CallRoom, Capture, Device, LevelMeter, MediaPreview};

/// A token this close to its expiry is replaced before joining.
const TOKEN_MARGIN_SECONDS: i64 = 30;

/// Which part of the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Camera preview, devices, "Join call".
    PreJoin,
    /// Connecting or connected.
    InCall,
    /// The person pressed "Leave call".
    Left,
    /// The call ended without the person leaving (another tab took over,
    /// the connection was lost).
    Disconnected(Option<DisconnectReason>),
}

/// How the person wants to join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Video,
    AudioOnly,
    /// Without camera and microphone (when neither can be used).
    ListenOnly,
}

/// The answer to `POST …/call`.
#[derive(Debug, Clone, PartialEq)]
pub enum Credentials {
    Loading,
    Ready(CallCredentials),
    Failed(ApiError),
}

/// The camera preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewState {
    /// Nothing asked for (audio only without a microphone, or a failure).
    Off,
    Starting,
    /// Running; the number changes with every new preview.
    Live {
        run: u32,
        video: bool,
    },
}

#[derive(Clone, Copy)]
pub struct CallController {
    pub booking_id: BookingId,
    user_id: UserId,
    auth: Auth,
    pub stage: RwSignal<Stage>,
    /// The booking, once found among the user's upcoming sessions.
    pub booking: RwSignal<Option<Booking>>,
    pub credentials: RwSignal<Credentials>,
    /// Why the last attempt to join failed.
    pub join_problem: RwSignal<Option<CallProblem>>,
    /// Why the camera or microphone cannot be used.
    pub device_problem: RwSignal<Option<CallProblem>>,
    pub mode: RwSignal<Mode>,
    pub camera_id: RwSignal<Option<String>>,
    pub microphone_id: RwSignal<Option<String>>,
    pub cameras: RwSignal<Vec<Device>>,
    pub microphones: RwSignal<Vec<Device>>,
    pub preview_state: RwSignal<PreviewState>,
    pub call: RwSignal<CallState>,
    /// Changes whenever our own camera track may have changed, so that the
    /// self view attaches it again.
    pub local_video: RwSignal<u32>,
    /// The newest answer to `GET …/room`.
    pub room_status: RwSignal<Option<RoomStatus>>,
    /// The chat of this call (in the page only).
    pub chat: RwSignal<Chat>,
    room: StoredValue<Option<Rc<CallRoom>>, LocalStorage>,
    preview: StoredValue<Option<MediaPreview>, LocalStorage>,
    meter: StoredValue<Option<LevelMeter>, LocalStorage>,
    preview_runs: StoredValue<u32>,
    owner: StoredValue<Owner>,
}

impl CallController {
    /// The controller of `booking_id`'s call for `user`, owned by the
    /// current reactive owner (the page).
    pub fn new(booking_id: BookingId, user: &User) -> Self {
        let controller = Self {
            booking_id,
            user_id: user.id,
            auth: use_auth(),
            stage: RwSignal::new(Stage::PreJoin),
            booking: RwSignal::new(None),
            credentials: RwSignal::new(Credentials::Loading),
            join_problem: RwSignal::new(None),
            device_problem: RwSignal::new(None),
            mode: RwSignal::new(Mode::Video),
            camera_id: RwSignal::new(None),
            microphone_id: RwSignal::new(None),
            cameras: RwSignal::new(Vec::new()),
            microphones: RwSignal::new(Vec::new()),
            preview_state: RwSignal::new(PreviewState::Off),
            call: RwSignal::new(CallState::joining(user.id.to_string(), false, false)),
            local_video: RwSignal::new(0),
            room_status: RwSignal::new(None),
            chat: RwSignal::new(Chat::default()),
            room: StoredValue::new_local(None),
            preview: StoredValue::new_local(None),
            meter: StoredValue::new_local(None),
            preview_runs: StoredValue::new(0),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        // Leaving the page stops the tracks, disconnects and removes the
        // room's listeners (each value's Drop does its part).
        on_cleanup(move || {
            controller.meter.try_update_value(|meter| *meter = None);
            controller
                .preview
                .try_update_value(|preview| *preview = None);
            controller.room.try_update_value(|room| *room = None);
        });
        controller
    }

    /// Starts what the page needs at once: the booking, and credentials;
    /// with them come a warm connection and the camera preview (a call
    /// that cannot be joined does not ask for the camera).
    pub fn open(self) {
        self.load_booking();
        self.fetch_credentials();
    }

    /// Runs `task` under the page's owner; it is cancelled when the page
    /// goes away.
    fn spawn(self, task: impl Future<Output = ()> + 'static) {
        if let Some(owner) = self.owner.try_get_value() {
            owner.with(|| spawn_local_scoped_with_cancellation(task));
        }
    }

    pub fn auth(&self) -> Auth {
        self.auth
    }

    /// The signed-in user.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// Our identity in the room: the credentials', or our user id (which
    /// is what the server puts in them) before they arrive.
    pub fn identity(&self) -> String {
        match self.credentials.get_untracked() {
            Credentials::Ready(credentials) => credentials.identity,
            _ => self.user_id.to_string(),
        }
    }

    /// The other person's name: from the booking, else from the room, else
    /// a neutral phrase. Reactive.
    pub fn other_name(&self) -> String {
        if let Some(name) = self.booking.with(|b| {
            b.as_ref()
                .map(|b| b.counterpart(self.user_id).full_name.clone())
        }) {
            return name;
        }
        let me = self.user_id.to_string();
        self.room_status
            .with(|status| {
                status
                    .as_ref()
                    .and_then(|s| other_participant(s, &me))
                    .map(|p| p.name.clone())
            })
            .unwrap_or_else(|| "the other participant".to_owned())
    }

    /// Where the other person is. Reactive. In the call, LiveKit knows at
    /// once; before (or while connecting), the room status polled from our
    /// API. `None` until the first answer.
    pub fn presence(&self) -> Option<Presence> {
        let in_room = self.stage.get() == Stage::InCall
            && self.call.with(|c| {
                matches!(
                    c.connection,
                    Connection::Connected | Connection::Reconnecting
                )
            });
        if in_room {
            return Some(self.call.with(|c| {
                if c.remote.is_some() {
                    Presence::Here
                } else if c.remote_left {
                    Presence::Left
                } else {
                    Presence::Waiting
                }
            }));
        }
        let me = self.identity();
        self.room_status.with(|status| {
            status.as_ref().map(|s| {
                if other_participant(s, &me).is_some() {
                    Presence::Here
                } else {
                    Presence::Waiting
                }
            })
        })
    }

    /// What to capture for the chosen mode and devices.
    fn capture(&self) -> Capture {
        let mode = self.mode.get_untracked();
        Capture {
            audio: mode != Mode::ListenOnly,
            video: mode == Mode::Video,
            audio_device_id: self.microphone_id.get_untracked(),
            video_device_id: self.camera_id.get_untracked(),
        }
    }

    // ---------- The booking and credentials ----------

    fn load_booking(self) {
        self.spawn(async move {
            match requests::find_booking(self.booking_id).await {
                Ok(booking) => {
                    self.booking.try_set(booking);
                }
                Err(error) => {
                    if !self.auth.forget_if_unauthorized(&error) {
                        log::warn!("cannot load booking {}: {error}", self.booking_id);
                    }
                }
            }
        });
    }

    /// Asks for credentials (again); with them, starts the preview and
    /// opens the connection early.
    pub fn fetch_credentials(self) {
        self.spawn(async move {
            if let Ok(credentials) = self.load_credentials().await {
                if self.stage.try_get_untracked() == Some(Stage::PreJoin) {
                    self.ensure_preview();
                }
                self.warm_up(&credentials).await;
            }
        });
    }

    async fn load_credentials(self) -> Result<CallCredentials, ApiError> {
        self.credentials.try_set(Credentials::Loading);
        let result = requests::call_credentials(self.booking_id).await;
        match &result {
            Ok(credentials) => {
                self.credentials
                    .try_set(Credentials::Ready(credentials.clone()));
            }
            Err(error) => {
                self.auth.forget_if_unauthorized(error);
                if error.is_not_verified() {
                    // The server knows better than our copy of the user.
                    self.auth.refresh();
                }
                self.credentials.try_set(Credentials::Failed(error.clone()));
            }
        }
        result
    }

    /// Credentials good for at least a little longer.
    async fn fresh_credentials(self) -> Result<CallCredentials, ApiError> {
        if let Some(Credentials::Ready(credentials)) = self.credentials.try_get_untracked() {
            if credentials.expires_at - Utc::now() > Duration::seconds(TOKEN_MARGIN_SECONDS) {
                return Ok(credentials);
            }
        }
        self.load_credentials().await
    }

    async fn warm_up(self, credentials: &CallCredentials) {
        match self.room().await {
            Ok(room) => {
                if let Err(error) = room
                    .prepare_connection(&credentials.livekit_url, &credentials.token)
                    .await
                {
                    log::info!("could not prepare the call connection: {error}");
                }
            }
            Err(error) => log::warn!("could not create the call room: {error}"),
        }
    }

    /// The room, created on first use.
    async fn room(self) -> Result<Rc<CallRoom>, crate::livekit::LiveKitError> {
        if let Some(room) = self.room.try_with_value(Clone::clone).flatten() {
            return Ok(room);
        }
        let room = Rc::new(CallRoom::new(move |event| self.on_event(event)).await?);
        // Another task may have made one meanwhile: keep that one.
        if let Some(existing) = self.room.try_with_value(Clone::clone).flatten() {
            return Ok(existing);
        }
        self.room.try_set_value(Some(Rc::clone(&room)));
        Ok(room)
    }

    fn on_event(self, event: CallEvent) {
        self.call.try_update(|call| call.apply(&event));
        self.chat.try_update(|chat| chat.apply(&event));
        let was_connected = self
            .call
            .try_with_untracked(|c| c.was_connected)
            .unwrap_or(false);
        match event {
            // Neither "Leave call" (which changes the stage first) nor a
            // failure to join (which the join reports).
            CallEvent::Disconnected { reason }
                if was_connected && self.stage.try_get_untracked() == Some(Stage::InCall) =>
            {
                self.stage.try_set(Stage::Disconnected(reason));
                // Not from inside the room's own callback.
                self.spawn(async move {
                    self.room.try_update_value(|room| *room = None);
                });
            }
            CallEvent::TrackUnmuted { local: true, .. } => {
                self.local_video.try_update(|n| *n += 1);
            }
            _ => {}
        }
    }

    // ---------- Before joining: preview and devices ----------

    /// (Re)starts the camera preview and the microphone meter for the
    /// chosen mode and devices.
    pub fn start_preview(self) {
        let Some(run) = self.preview_runs.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        // Release the devices first: some cameras open only once.
        self.meter.set_value(None);
        self.preview.set_value(None);
        self.device_problem.set(None);
        let capture = self.capture();
        if capture.is_empty() {
            self.preview_state.set(PreviewState::Off);
            return;
        }
        self.preview_state.set(PreviewState::Starting);
        self.spawn(async move {
            let result = MediaPreview::start(capture.clone()).await;
            let current = move || {
                self.preview_runs.try_get_value() == Some(run)
                    && self.stage.try_get_untracked() == Some(Stage::PreJoin)
            };
            if !current() {
                return; // Dropping `result` stops its tracks.
            }
            let preview = match result {
                Ok(preview) => preview,
                Err(error) => {
                    self.device_problem
                        .try_set(Some(CallProblem::from_device(&error, &capture)));
                    self.preview_state.try_set(PreviewState::Off);
                    return;
                }
            };
            let ids = preview.device_ids().await;
            if !current() {
                return;
            }
            if capture.audio {
                self.microphone_id.try_set(ids.audio);
            }
            if capture.video {
                self.camera_id.try_set(ids.video);
            }
            self.meter.try_set_value(preview.level_meter());
            self.preview.try_set_value(Some(preview));
            self.preview_state.try_set(PreviewState::Live {
                run,
                video: capture.video,
            });
            self.load_devices().await;
        });
    }

    /// Starts the preview once the call can be joined, unless one runs or
    /// is starting (or failed: its alert offers to try again).
    pub fn ensure_preview(self) {
        let joinable = matches!(self.credentials.get_untracked(), Credentials::Ready(_));
        if joinable
            && self.preview_state.get_untracked() == PreviewState::Off
            && self.device_problem.get_untracked().is_none()
        {
            self.start_preview();
        }
    }

    async fn load_devices(self) {
        for (kind, list) in [
            (DeviceKind::VideoInput, self.cameras),
            (DeviceKind::AudioInput, self.microphones),
        ] {
            match list_devices(kind).await {
                Ok(devices) => {
                    list.try_set(devices);
                }
                Err(error) => log::info!("cannot list {}s: {error}", kind.as_str()),
            }
        }
    }

    /// Shows the preview's camera in `element`.
    pub fn attach_preview(&self, element: &web_sys::HtmlMediaElement) {
        self.preview.with_value(|preview| {
            if let Some(preview) = preview {
                preview.attach_video(element);
            }
        });
    }

    /// The preview microphone's level, 0 to 1.
    pub fn level(&self) -> f64 {
        self.meter
            .try_with_value(|meter| meter.as_ref().map_or(0.0, LevelMeter::level))
            .unwrap_or(0.0)
    }

    pub fn set_mode(self, mode: Mode) {
        if self.mode.get_untracked() != mode {
            self.mode.set(mode);
            self.start_preview();
        }
    }

    /// Picks a camera or microphone: restarts the preview before joining,
    /// moves the published track during the call.
    pub fn choose_device(self, kind: DeviceKind, device_id: String) {
        let signal = match kind {
            DeviceKind::VideoInput => self.camera_id,
            _ => self.microphone_id,
        };
        signal.set(Some(device_id.clone()));
        match self.stage.get_untracked() {
            Stage::PreJoin => self.start_preview(),
            Stage::InCall => self.spawn(async move {
                if let Some(room) = self.room.try_with_value(Clone::clone).flatten() {
                    if let Err(error) = room.switch_active_device(kind, &device_id).await {
                        self.call.try_update(|c| {
                            c.device_error = Some(DeviceError::new(error, Some(kind)))
                        });
                    }
                }
            }),
            _ => {}
        }
    }

    // ---------- Joining and leaving ----------

    /// Joins with the chosen mode (also "Rejoin" after leaving).
    pub fn join(self) {
        if self.stage.get_untracked() == Stage::InCall {
            return;
        }
        let capture = self.capture();
        self.join_problem.set(None);
        self.call.set(CallState::joining(
            self.identity(),
            capture.audio,
            capture.video,
        ));
        self.stage.set(Stage::InCall);
        self.spawn(async move {
            let problem = match self.connect_and_publish(capture).await {
                Ok(()) => return,
                Err(problem) => problem,
            };
            if self.stage.try_get_untracked() == Some(Stage::InCall) {
                self.join_problem.try_set(problem);
                self.stage.try_set(Stage::PreJoin);
            }
        });
    }

    /// Joins without camera and microphone.
    pub fn join_listen_only(self) {
        self.mode.set(Mode::ListenOnly);
        self.start_preview();
        self.join();
    }

    /// Connects (fetching new credentials once if LiveKit refuses the
    /// token) and publishes the camera and microphone. `Err(None)`: the
    /// credentials failed, and the page shows why.
    async fn connect_and_publish(self, capture: Capture) -> Result<(), Option<CallProblem>> {
        let credentials = self.fresh_credentials().await.map_err(|_| None)?;
        let room = self
            .room()
            .await
            .map_err(|error| Some(CallProblem::from_connect(&error)))?;
        let mut result = room
            .connect(&credentials.livekit_url, &credentials.token)
            .await;
        if matches!(&result, Err(error) if error.is_token_rejected()) {
            let renewed = self.load_credentials().await.map_err(|_| None)?;
            result = room.connect(&renewed.livekit_url, &renewed.token).await;
        }
        match result {
            Ok(()) => {}
            // Left while connecting.
            Err(error) if error.is_cancelled() => return Ok(()),
            Err(error) => {
                log::warn!("could not join the call: {error}");
                return Err(Some(CallProblem::from_connect(&error)));
            }
        }
        if let Some(snapshot) = room.snapshot() {
            self.call.try_update(|call| call.apply_snapshot(&snapshot));
        }
        self.publish(&room, capture).await;
        Ok(())
    }

    /// Publishes the preview's tracks, or new ones when the preview does
    /// not match the chosen mode.
    async fn publish(self, room: &CallRoom, capture: Capture) {
        self.meter.try_set_value(None);
        let preview = self
            .preview
            .try_update_value(Option::take)
            .flatten()
            .filter(|p| p.capture().audio == capture.audio && p.capture().video == capture.video);
        self.preview_state.try_set(PreviewState::Off);
        let kind = match (capture.audio, capture.video) {
            (true, false) => Some(DeviceKind::AudioInput),
            (false, true) => Some(DeviceKind::VideoInput),
            _ => None,
        };
        let preview = match preview {
            Some(preview) => preview,
            None if capture.is_empty() => return,
            None => match MediaPreview::start(capture).await {
                Ok(preview) => preview,
                Err(error) => {
                    self.call.try_update(|call| {
                        call.microphone_on = false;
                        call.camera_on = false;
                        call.device_error = Some(DeviceError::new(error, kind));
                    });
                    return;
                }
            },
        };
        if let Err(error) = room.publish(preview).await {
            self.call
                .try_update(|call| call.device_error = Some(DeviceError::new(error, kind)));
        }
        self.local_video.try_update(|n| *n += 1);
    }

    /// "Leave call": disconnects, stops every track, and stops watching
    /// the room.
    pub fn leave(self) {
        self.stage.set(Stage::Left);
        let room = self.room.try_update_value(Option::take).flatten();
        self.spawn(async move {
            if let Some(room) = room {
                if let Err(error) = room.disconnect().await {
                    log::info!("leaving the call: {error}");
                }
            }
        });
    }

    /// "Try again": joins again after a failed join, else asks for
    /// credentials again.
    pub fn retry(self) {
        if self.join_problem.get_untracked().is_some() {
            self.join();
        } else {
            self.fetch_credentials();
        }
    }

    // ---------- In the call ----------

    pub fn toggle_microphone(self) {
        let on = !self.call.with_untracked(|c| c.microphone_on);
        let device = self.microphone_id.get_untracked();
        self.spawn(async move {
            let Some(room) = self.room.try_with_value(Clone::clone).flatten() else {
                return;
            };
            match room.set_microphone_enabled(on, device).await {
                Ok(()) => self.call.try_update(|c| {
                    c.microphone_on = on;
                    c.device_error = None;
                }),
                Err(error) => self.call.try_update(|c| {
                    c.device_error = Some(DeviceError::new(error, Some(DeviceKind::AudioInput)));
                }),
            };
        });
    }

    pub fn toggle_camera(self) {
        let on = !self.call.with_untracked(|c| c.camera_on);
        let device = self.camera_id.get_untracked();
        self.spawn(async move {
            let Some(room) = self.room.try_with_value(Clone::clone).flatten() else {
                return;
            };
            match room.set_camera_enabled(on, device).await {
                Ok(()) => self.call.try_update(|c| {
                    c.camera_on = on;
                    c.device_error = None;
                }),
                Err(error) => self.call.try_update(|c| {
                    c.device_error = Some(DeviceError::new(error, Some(DeviceKind::VideoInput)));
                }),
            };
            self.local_video.try_update(|n| *n += 1);
        });
    }

    /// Sends the chat draft; it is emptied once sent, and kept (with a
    /// message saying so) when sending failed.
    pub fn send_chat(self, draft: RwSignal<String>) {
        let Some(text) = chat::outgoing(&draft.get_untracked()) else {
            return;
        };
        self.spawn(async move {
            let sent = match self.room.try_with_value(Clone::clone).flatten() {
                Some(room) => room.send_text(chat::CHAT_TOPIC, &text).await,
                None => return,
            };
            match sent {
                Ok(()) => {
                    draft.try_set(String::new());
                    self.chat.try_update(|c| c.sent(text));
                }
                Err(error) => {
                    log::info!("could not send a chat message: {error}");
                    self.chat.try_update(|c| c.send_failed = true);
                }
            }
        });
    }

    /// "Start audio" after the browser blocked playback.
    pub fn start_audio(self) {
        self.spawn(async move {
            let Some(room) = self.room.try_with_value(Clone::clone).flatten() else {
                return;
            };
            if let Err(error) = room.start_audio().await {
                log::info!("could not start audio: {error}");
            }
            let blocked = !room.can_playback_audio();
            self.call.try_update(|c| c.audio_blocked = blocked);
        });
    }

    /// Plays the other participant's track of `source` in `element`.
    pub fn attach_remote(
        &self,
        identity: &str,
        source: TrackSource,
        element: &web_sys::HtmlMediaElement,
    ) {
        self.room.with_value(|room| {
            if let Some(room) = room {
                room.attach_remote(identity, source, element);
            }
        });
    }

    pub fn detach_remote(
        &self,
        identity: &str,
        source: TrackSource,
        element: &web_sys::HtmlMediaElement,
    ) {
        self.room.with_value(|room| {
            if let Some(room) = room {
                room.detach_remote(identity, source, element);
            }
        });
    }

    /// Shows our own camera in `element`.
    pub fn attach_local_video(&self, element: &web_sys::HtmlMediaElement) {
        self.room.with_value(|room| {
            if let Some(room) = room {
                room.attach_local_video(element);
            }
        });
    }
}
