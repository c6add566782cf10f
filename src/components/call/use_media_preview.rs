//! [`use_media_preview`]: before joining, the camera preview and the
//! microphone meter for the chosen mode and devices, and the lists of
//! cameras and microphones to choose from.

use leptos::prelude::*;

use super::tasks::PageTasks;
use crate::call::problem::CallProblem;
use crate::livekit::events::DeviceKind;
use crate::livekit::{list_devices, Capture, Device, LevelMeter, MediaPreview};

/// How the person wants to join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Video,
    AudioOnly,
    /// Without camera and microphone (when neither can be used).
    ListenOnly,
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

/// The choices (mode, devices), the preview's state, and its actions.
#[derive(Clone, Copy)]
pub struct UseMediaPreviewReturn {
    pub mode: RwSignal<Mode>,
    /// The chosen devices (`None`: the browser's default).
    pub camera_id: RwSignal<Option<String>>,
    pub microphone_id: RwSignal<Option<String>>,
    pub cameras: RwSignal<Vec<Device>>,
    pub microphones: RwSignal<Vec<Device>>,
    pub preview_state: RwSignal<PreviewState>,
    /// Why the camera or microphone cannot be used.
    pub device_problem: RwSignal<Option<CallProblem>>,
    /// Whether a preview may run now; one that arrives after this turned
    /// false is stopped at once.
    active: Signal<bool>,
    preview: StoredValue<Option<MediaPreview>, LocalStorage>,
    meter: StoredValue<Option<LevelMeter>, LocalStorage>,
    runs: StoredValue<u32>,
    tasks: PageTasks,
}

/// The preview of the current owner (the page), which may run while
/// `active` is true. Nothing starts until [`UseMediaPreviewReturn::start`];
/// when the owner goes, the tracks stop and the meter closes.
pub fn use_media_preview(active: Signal<bool>) -> UseMediaPreviewReturn {
    let preview = UseMediaPreviewReturn {
        mode: RwSignal::new(Mode::Video),
        camera_id: RwSignal::new(None),
        microphone_id: RwSignal::new(None),
        cameras: RwSignal::new(Vec::new()),
        microphones: RwSignal::new(Vec::new()),
        preview_state: RwSignal::new(PreviewState::Off),
        device_problem: RwSignal::new(None),
        active,
        preview: StoredValue::new_local(None),
        meter: StoredValue::new_local(None),
        runs: StoredValue::new(0),
        tasks: PageTasks::of_current_owner(),
    };
    on_cleanup(move || {
        preview.meter.try_update_value(|meter| *meter = None);
        preview.preview.try_update_value(|tracks| *tracks = None);
    });
    preview
}

impl UseMediaPreviewReturn {
    /// What to capture for the chosen mode and devices.
    pub fn capture(&self) -> Capture {
        let mode = self.mode.get_untracked();
        Capture {
            audio: mode != Mode::ListenOnly,
            video: mode == Mode::Video,
            audio_device_id: self.microphone_id.get_untracked(),
            video_device_id: self.camera_id.get_untracked(),
        }
    }

    /// (Re)starts the camera preview and the microphone meter for the
    /// chosen mode and devices.
    pub fn start(self) {
        let Some(run) = self.runs.try_update_value(|n| {
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
        self.tasks.spawn(async move {
            let result = MediaPreview::start(capture.clone()).await;
            let current = move || {
                self.runs.try_get_value() == Some(run)
                    && self.active.try_get_untracked() == Some(true)
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

    /// Starts the preview unless one runs or is starting (or failed: its
    /// alert offers to try again).
    pub fn ensure(self) {
        if self.preview_state.get_untracked() == PreviewState::Off
            && self.device_problem.get_untracked().is_none()
        {
            self.start();
        }
    }

    /// Video, audio only, or neither: restarts the preview when it changes.
    pub fn set_mode(self, mode: Mode) {
        if self.mode.get_untracked() != mode {
            self.mode.set(mode);
            self.start();
        }
    }

    /// Remembers the camera or microphone chosen (restart the preview, or
    /// move the published track, to use it).
    pub fn set_device(&self, kind: DeviceKind, device_id: Option<String>) {
        match kind {
            DeviceKind::VideoInput => self.camera_id.set(device_id),
            DeviceKind::AudioInput => self.microphone_id.set(device_id),
            DeviceKind::AudioOutput => {}
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
    pub fn attach(&self, element: &web_sys::HtmlMediaElement) {
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

    /// Ends the preview, handing over its tracks when they are what
    /// `capture` asks for (else they stop).
    pub fn take_for(&self, capture: &Capture) -> Option<MediaPreview> {
        self.meter.try_set_value(None);
        let preview = self
            .preview
            .try_update_value(Option::take)
            .flatten()
            .filter(|p| p.capture().audio == capture.audio && p.capture().video == capture.video);
        self.preview_state.try_set(PreviewState::Off);
        preview
    }
}
