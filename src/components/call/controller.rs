//! [`CallController`]: the call page as one `Copy` value its pieces share —
//! the booking, the page's [`Stage`], and the three hooks it composes: the
//! credentials ([`use_call_credentials`]), the camera preview
//! ([`use_media_preview`]) and the LiveKit room ([`use_call_room`]). It
//! does what needs more than one of them: join, leave, choose a device,
//! follow a device unplugged during the call.
//!
//! Every browser resource lives in a hook, in the page's reactive owner:
//! it is released when the page goes away, and every task is cancelled then.

use leptos::prelude::*;
use tandem_api::auth::User;
use tandem_api::bookings::Booking;
use tandem_api::calls::RoomStatus;
use tandem_api::{BookingId, UserId};

use super::tasks::PageTasks;
use super::use_call_credentials::{use_call_credentials, UseCallCredentialsReturn};
use super::use_call_room::{use_call_room, UseCallRoomReturn};
use super::use_media_preview::{use_media_preview, Mode, UseMediaPreviewReturn};
use crate::auth::{use_auth, Auth};
use crate::call::devices::fall_back;
use crate::call::presence::other_participant;
use crate::call::problem::CallProblem;
use crate::call::requests;
use crate::call::stage::{Stage, StageEvent};
use crate::call::state::{Connection, Presence};
use crate::livekit::events::DeviceKind;
use crate::livekit::{list_devices, Capture};

#[derive(Clone, Copy)]
pub struct CallController {
    pub booking_id: BookingId,
    user_id: UserId,
    auth: Auth,
    pub stage: RwSignal<Stage>,
    /// The booking, once found among the user's upcoming sessions.
    pub booking: RwSignal<Option<Booking>>,
    /// Why the last attempt to join failed.
    pub join_problem: RwSignal<Option<CallProblem>>,
    /// The newest answer to `GET …/room`.
    pub room_status: RwSignal<Option<RoomStatus>>,
    pub credentials: UseCallCredentialsReturn,
    pub media: UseMediaPreviewReturn,
    pub room: UseCallRoomReturn,
    tasks: PageTasks,
}

/// Moves `stage` on by `event`; whether that changed it.
fn advance(stage: RwSignal<Stage>, event: StageEvent) -> bool {
    let Some(mut next) = stage.try_get_untracked() else {
        return false;
    };
    let changed = next.apply(event);
    if changed {
        stage.try_set(next);
    }
    changed
}

impl CallController {
    /// The controller of `booking_id`'s call for `user`, owned by the
    /// current reactive owner (the page).
    pub fn new(booking_id: BookingId, user: &User) -> Self {
        let auth = use_auth();
        let stage = RwSignal::new(Stage::PreJoin);
        let on_disconnected =
            UnsyncCallback::new(move |reason| advance(stage, StageEvent::ConnectionLost(reason)));
        let controller = Self {
            booking_id,
            user_id: user.id,
            auth,
            stage,
            booking: RwSignal::new(None),
            join_problem: RwSignal::new(None),
            room_status: RwSignal::new(None),
            credentials: use_call_credentials(booking_id, auth),
            media: use_media_preview(Signal::derive(move || stage.get() == Stage::PreJoin)),
            room: use_call_room(user.id.to_string(), on_disconnected),
            tasks: PageTasks::of_current_owner(),
        };
        Effect::new(move |seen: Option<u32>| {
            let changes = controller.room.devices_changed.get();
            if seen.is_some_and(|seen| seen != changes)
                && controller.stage.get_untracked() == Stage::InCall
            {
                controller.tasks.spawn(controller.follow_devices());
            }
            changes
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

    pub fn auth(&self) -> Auth {
        self.auth
    }

    /// The signed-in user.
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// Our identity in the room.
    pub fn identity(&self) -> String {
        self.credentials.identity(self.user_id)
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
        let call = self.room.call;
        let in_room = self.stage.get() == Stage::InCall
            && call.with(|c| {
                matches!(
                    c.connection,
                    Connection::Connected | Connection::Reconnecting
                )
            });
        if in_room {
            return Some(call.with(|c| {
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

    // ---------- The booking and credentials ----------

    fn load_booking(self) {
        self.tasks.spawn(async move {
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
        self.tasks.spawn(async move {
            if let Ok(credentials) = self.credentials.load().await {
                if self.stage.try_get_untracked() == Some(Stage::PreJoin) {
                    self.ensure_preview();
                }
                self.room.warm_up(&credentials).await;
            }
        });
    }

    // ---------- Before joining: preview and devices ----------

    /// Starts the preview once the call can be joined, unless one runs or
    /// is starting (or failed: its alert offers to try again).
    pub fn ensure_preview(self) {
        if untrack(|| self.credentials.is_ready()) {
            self.media.ensure();
        }
    }

    /// Picks a camera, microphone or speaker, also for next time: restarts
    /// the preview before joining, moves the published track (or the
    /// sound) during the call.
    pub fn choose_device(self, kind: DeviceKind, device_id: String) {
        self.media.choose(kind, device_id.clone());
        self.room.device_notice.set(None);
        match self.stage.get_untracked() {
            Stage::PreJoin if kind != DeviceKind::AudioOutput => self.media.start(),
            Stage::InCall => self.room.switch_device(kind, device_id),
            _ => {}
        }
    }

    /// A device was plugged in or out during the call: the lists again,
    /// and for a chosen device that went away, the default (or the first
    /// left) in its place and a notice saying so.
    async fn follow_devices(self) {
        for kind in self.media.kinds() {
            let list = self.media.devices(kind);
            let before = list.get_untracked();
            let now = match list_devices(kind).await {
                Ok(now) => now,
                Err(error) => {
                    log::info!("cannot list {}s: {error}", kind.as_str());
                    continue;
                }
            };
            list.try_set(now.clone());
            let chosen = self.media.chosen(kind);
            let in_use = chosen
                .get_untracked()
                .or_else(|| self.room.active_device(kind));
            if let Some(fallback) = fall_back(kind, in_use.as_deref(), &before, &now) {
                chosen.try_set(Some(fallback.now.device_id.clone()));
                self.room
                    .switch_device(kind, fallback.now.device_id.clone());
                self.room.device_notice.try_set(Some(fallback.notice()));
            }
        }
    }

    // ---------- Joining and leaving ----------

    /// Joins with the chosen mode; also "Rejoin" after leaving or losing
    /// the connection, which asks for fresh credentials (the server makes
    /// the room again, should LiveKit have lost it).
    pub fn join(self) {
        let mut stage = self.stage.get_untracked();
        let renew = stage.is_over();
        if !stage.apply(StageEvent::Join) {
            return;
        }
        let capture = self.media.capture();
        // Queued before the signals below change, so the task runs before
        // the page draws the call: the connection opens at once and the
        // drawing overlaps its wait on the network. (The task starts after
        // this function returns, so the state below is set by then.)
        let joining = capture.clone();
        self.tasks.spawn(async move {
            let problem = match self.connect_and_publish(joining, renew).await {
                Ok(()) => return,
                Err(problem) => problem,
            };
            let mut stage = self.stage.get_untracked();
            if stage.apply(StageEvent::JoinFailed) {
                self.join_problem.try_set(problem);
                self.stage.try_set(stage);
            }
        });
        self.join_problem.set(None);
        self.room.begin(self.identity(), &capture);
        self.stage.set(stage);
    }

    /// Joins without camera and microphone.
    pub fn join_listen_only(self) {
        self.media.mode.set(Mode::ListenOnly);
        self.media.start();
        self.join();
    }

    /// Connects (with new credentials when `renew`, and once more if
    /// LiveKit refuses the token) and publishes the camera and microphone.
    /// `Err(None)`: the credentials failed, and the page shows why.
    async fn connect_and_publish(
        self,
        capture: Capture,
        renew: bool,
    ) -> Result<(), Option<CallProblem>> {
        let credentials = if renew {
            self.credentials.load().await
        } else {
            self.credentials.fresh().await
        }
        .map_err(|_| None)?;
        let mut result = self.room.connect(&credentials).await;
        if matches!(&result, Err(error) if error.is_token_rejected()) {
            let renewed = self.credentials.load().await.map_err(|_| None)?;
            result = self.room.connect(&renewed).await;
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
        // The preview's tracks, or new ones when it does not match the mode.
        let preview = self.media.take_for(&capture);
        self.room.publish(capture, preview).await;
        if let Some(speaker) = self.media.speaker_id.get_untracked() {
            self.room.switch_device(DeviceKind::AudioOutput, speaker);
        }
        // For the pickers in the call (joined before the preview listed them).
        self.media.load_devices().await;
        Ok(())
    }

    /// "Leave call": disconnects, stops every track, and stops watching
    /// the room.
    pub fn leave(self) {
        advance(self.stage, StageEvent::Leave);
        self.room.leave();
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
        self.room
            .toggle_microphone(self.media.microphone_id.get_untracked());
    }

    pub fn toggle_camera(self) {
        self.room
            .toggle_camera(self.media.camera_id.get_untracked());
    }
}
