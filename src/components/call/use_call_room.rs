//! [`use_call_room`]: the LiveKit room of the call — warming the
//! connection up, connecting, publishing, its events, the controls in the
//! call, leaving.

use std::rc::Rc;

use leptos::prelude::*;
use tandem_api::calls::CallCredentials;

use super::tasks::PageTasks;
use crate::call::chat::{self, Chat, ChatOutbox};
use crate::call::screen_share::ScreenShare;
use crate::call::state::{CallState, DeviceError};
use crate::livekit::events::{CallEvent, DeviceKind, DisconnectReason, TrackSource};
use crate::livekit::{CallRoom, Capture, LiveKitError, MediaPreview};

/// The call as LiveKit's events leave it, and what can be done in it.
#[derive(Clone, Copy)]
pub struct UseCallRoomReturn {
    pub call: RwSignal<CallState>,
    /// Changes whenever our own camera track may have changed, so that the
    /// self view attaches it again.
    pub local_video: RwSignal<u32>,
    /// The chat of this call (in the page only).
    pub chat: RwSignal<Chat>,
    /// Who shares a screen.
    pub screen_share: RwSignal<ScreenShare>,
    /// Changes whenever a camera, microphone or speaker was plugged in or
    /// out.
    pub devices_changed: RwSignal<u32>,
    /// What happened to a device, for the notices under the call ("Your
    /// camera … was disconnected. Now using …").
    pub device_notice: RwSignal<Option<String>>,
    room: StoredValue<Option<Rc<CallRoom>>, LocalStorage>,
    on_disconnected: UnsyncCallback<Option<DisconnectReason>, bool>,
    tasks: PageTasks,
}

/// The room of the current owner (the page), created on first use, for
/// `me` to join. `on_disconnected` hears of a disconnection after we had
/// been connected (not of one our leaving caused) and says whether that
/// ended the call: the room is then released. When the owner goes, the
/// room disconnects, its tracks stop and its listeners are removed.
pub fn use_call_room(
    me: String,
    on_disconnected: UnsyncCallback<Option<DisconnectReason>, bool>,
) -> UseCallRoomReturn {
    let room = UseCallRoomReturn {
        call: RwSignal::new(CallState::joining(me, false, false)),
        local_video: RwSignal::new(0),
        chat: RwSignal::new(Chat::default()),
        screen_share: RwSignal::new(ScreenShare::default()),
        devices_changed: RwSignal::new(0),
        device_notice: RwSignal::new(None),
        room: StoredValue::new_local(None),
        on_disconnected,
        tasks: PageTasks::of_current_owner(),
    };
    // The room's Drop disconnects, stops the tracks and removes the
    // listeners.
    on_cleanup(move || {
        room.room.try_update_value(|room| *room = None);
    });
    room
}

impl UseCallRoomReturn {
    /// The room, created on first use.
    async fn room(self) -> Result<Rc<CallRoom>, LiveKitError> {
        if let Some(room) = self.current() {
            return Ok(room);
        }
        let room = Rc::new(CallRoom::new(move |event| self.on_event(event)).await?);
        // Another task may have made one meanwhile: keep that one.
        if let Some(existing) = self.current() {
            return Ok(existing);
        }
        self.room.try_set_value(Some(Rc::clone(&room)));
        Ok(room)
    }

    fn current(&self) -> Option<Rc<CallRoom>> {
        self.room.try_with_value(Clone::clone).flatten()
    }

    fn on_event(self, event: CallEvent) {
        self.call.try_update(|call| call.apply(&event));
        let outbox = self
            .chat
            .try_update(|chat| chat.apply(&event))
            .unwrap_or_default();
        if !outbox.is_empty() {
            self.send_chat_outbox(outbox);
        }
        self.screen_share.try_update(|share| share.apply(&event));
        let was_connected = self
            .call
            .try_with_untracked(|c| c.was_connected)
            .unwrap_or(false);
        match event {
            // Neither "Leave call" (which released the room first) nor a
            // failure to join (which the join reports).
            CallEvent::Disconnected { reason }
                if was_connected
                    && self.current().is_some()
                    && self.on_disconnected.try_run(reason) == Some(true) =>
            {
                // Not from inside the room's own callback.
                self.tasks.spawn(async move {
                    self.room.try_update_value(|room| *room = None);
                });
            }
            CallEvent::TrackUnmuted { local: true, .. } => {
                self.local_video.try_update(|n| *n += 1);
            }
            CallEvent::MediaDevicesChanged => {
                self.devices_changed.try_update(|n| *n = n.wrapping_add(1));
            }
            _ => {}
        }
    }

    /// Opens the connection early, so that joining is quick.
    pub async fn warm_up(self, credentials: &CallCredentials) {
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

    /// Starts the call over as `me`, with the microphone and camera on as
    /// `capture` asks.
    pub fn begin(&self, me: String, capture: &Capture) {
        self.call
            .set(CallState::joining(me, capture.audio, capture.video));
        self.screen_share.set(ScreenShare::default());
    }

    /// Joins the room, and takes in who is there already.
    pub async fn connect(self, credentials: &CallCredentials) -> Result<(), LiveKitError> {
        let room = self.room().await?;
        room.connect(&credentials.livekit_url, &credentials.token)
            .await?;
        if let Some(snapshot) = room.snapshot() {
            self.call.try_update(|call| call.apply_snapshot(&snapshot));
        }
        Ok(())
    }

    /// Publishes `preview`'s tracks, or new ones for `capture` without it.
    pub async fn publish(self, capture: Capture, preview: Option<MediaPreview>) {
        let Some(room) = self.current() else {
            return;
        };
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

    /// Disconnects, stops every track, and stops watching the room.
    pub fn leave(self) {
        let room = self.room.try_update_value(Option::take).flatten();
        self.tasks.spawn(async move {
            if let Some(room) = room {
                if let Err(error) = room.disconnect().await {
                    log::info!("leaving the call: {error}");
                }
            }
        });
    }

    /// Moves the published camera or microphone, or the other side's
    /// sound, to `device_id`.
    pub fn switch_device(self, kind: DeviceKind, device_id: String) {
        self.tasks.spawn(async move {
            let Some(room) = self.current() else {
                return;
            };
            match room.switch_active_device(kind, &device_id).await {
                Ok(()) => {}
                Err(error) if kind == DeviceKind::AudioOutput => {
                    log::info!("cannot play the call on speaker {device_id}: {error}");
                    self.device_notice.try_set(Some(
                        "The call's sound could not be moved to that speaker.".to_owned(),
                    ));
                }
                Err(error) => {
                    self.call
                        .try_update(|c| c.device_error = Some(DeviceError::new(error, Some(kind))));
                }
            }
        });
    }

    /// The device the room uses for `kind`, once connected.
    pub fn active_device(&self, kind: DeviceKind) -> Option<String> {
        self.current().and_then(|room| room.active_device(kind))
    }

    /// Mutes or unmutes the microphone (`device`: the one to publish when
    /// there is none yet).
    pub fn toggle_microphone(self, device: Option<String>) {
        let on = !self.call.with_untracked(|c| c.microphone_on);
        self.tasks.spawn(async move {
            let Some(room) = self.current() else {
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

    /// Turns the camera off or on (`device`: the one to publish when there
    /// is none yet).
    pub fn toggle_camera(self, device: Option<String>) {
        let on = !self.call.with_untracked(|c| c.camera_on);
        self.tasks.spawn(async move {
            let Some(room) = self.current() else {
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
        // Nobody listens yet: the message waits for the other person.
        if !self.chat.with_untracked(Chat::peer_ready) {
            draft.set(String::new());
            self.chat.update(|c| c.queued(text));
            return;
        }
        self.tasks.spawn(async move {
            let sent = match self.current() {
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

    /// Sends the chat's greeting and the messages that waited for the
    /// other person, in order; a message that fails stays waiting.
    fn send_chat_outbox(self, outbox: ChatOutbox) {
        self.tasks.spawn(async move {
            let Some(room) = self.current() else {
                return;
            };
            if let Some(greeting) = outbox.greeting {
                if let Err(error) = room.send_text(chat::READY_TOPIC, greeting).await {
                    log::info!("could not greet the other side's chat: {error}");
                }
            }
            for (id, text) in outbox.waiting {
                if let Err(error) = room.send_text(chat::CHAT_TOPIC, &text).await {
                    log::info!("could not send a waiting chat message: {error}");
                    self.chat.try_update(|c| c.send_failed = true);
                    return;
                }
                self.chat.try_update(|c| c.delivered(id));
            }
        });
    }

    /// "Start audio" after the browser blocked playback.
    pub fn start_audio(self) {
        self.tasks.spawn(async move {
            let Some(room) = self.current() else {
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
        if let Some(room) = self.current() {
            room.attach_remote(identity, source, element);
        }
    }

    pub fn detach_remote(
        &self,
        identity: &str,
        source: TrackSource,
        element: &web_sys::HtmlMediaElement,
    ) {
        if let Some(room) = self.current() {
            room.detach_remote(identity, source, element);
        }
    }

    /// Shows our own camera in `element`.
    pub fn attach_local_video(&self, element: &web_sys::HtmlMediaElement) {
        if let Some(room) = self.current() {
            room.attach_local_video(element);
        }
    }

    /// Starts or stops sharing our screen (the browser asks which).
    pub fn toggle_screen_share(self) {
        let on = !self.screen_share.with_untracked(|s| s.local);
        self.tasks.spawn(async move {
            let Some(room) = self.current() else {
                return;
            };
            let result = room.set_screen_share_enabled(on).await;
            self.screen_share.try_update(|share| match result {
                Ok(sharing) => {
                    share.local = sharing;
                    share.failed = false;
                }
                Err(error) => {
                    log::info!("could not share the screen: {error}");
                    share.failed = true;
                }
            });
        });
    }

    /// Shows our own shared screen in `element`.
    pub fn attach_local_screen(&self, element: &web_sys::HtmlMediaElement) {
        if let Some(room) = self.current() {
            room.attach_local(TrackSource::ScreenShare, element);
        }
    }
}
