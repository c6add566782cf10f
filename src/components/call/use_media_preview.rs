//! [`use_media_preview`]: before joining, the camera preview and the
//! microphone meter for the chosen mode and devices; the lists of cameras,
//! microphones and speakers to choose from, and the choices, remembered
//! in the browser for next time.

use leptos::prelude::*;

use super::tasks::PageTasks;
use crate::call::devices::DeviceChoices;
use crate::call::problem::CallProblem;
use crate::livekit::events::DeviceKind;
use crate::livekit::{can_choose_speaker, list_devices, Capture, Device, LevelMeter, MediaPreview};

/// Where the chosen devices are kept (`localStorage`, as JSON).
const CHOICES_KEY: &str = "tandem.call.devices";

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
    /// Where the call's sound plays (`None`: the default).
    pub speaker_id: RwSignal<Option<String>>,
    pub cameras: RwSignal<Vec<Device>>,
    pub microphones: RwSignal<Vec<Device>>,
    /// Empty where the browser cannot choose the speaker.
    pub speakers: RwSignal<Vec<Device>>,
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
/// `active` is true, with the devices chosen last time. Nothing starts
/// until [`UseMediaPreviewReturn::start`]; when the owner goes, the tracks
/// stop and the meter closes.
pub fn use_media_preview(active: Signal<bool>) -> UseMediaPreviewReturn {
    let chosen = remembered_choices();
    let preview = UseMediaPreviewReturn {
        mode: RwSignal::new(Mode::Video),
        camera_id: RwSignal::new(chosen.camera),
        microphone_id: RwSignal::new(chosen.microphone),
        speaker_id: RwSignal::new(chosen.speaker),
        cameras: RwSignal::new(Vec::new()),
        microphones: RwSignal::new(Vec::new()),
        speakers: RwSignal::new(Vec::new()),
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

    /// The device chosen of `kind` (restart the preview, or move the
    /// published track, to use a new one).
    pub fn chosen(&self, kind: DeviceKind) -> RwSignal<Option<String>> {
        match kind {
            DeviceKind::VideoInput => self.camera_id,
            DeviceKind::AudioInput => self.microphone_id,
            DeviceKind::AudioOutput => self.speaker_id,
        }
    }

    /// The devices of `kind` to choose from.
    pub fn devices(&self, kind: DeviceKind) -> RwSignal<Vec<Device>> {
        match kind {
            DeviceKind::VideoInput => self.cameras,
            DeviceKind::AudioInput => self.microphones,
            DeviceKind::AudioOutput => self.speakers,
        }
    }

    /// The person chose `device_id`: it is the choice now, and next time.
    pub fn choose(&self, kind: DeviceKind, device_id: String) {
        self.chosen(kind).set(Some(device_id.clone()));
        let mut choices = remembered_choices();
        choices.set(kind, Some(device_id));
        if let Some(storage) = local_storage() {
            if let Err(error) = storage.set_item(CHOICES_KEY, &choices.to_json()) {
                log::info!("cannot remember the devices chosen: {error:?}");
            }
        }
    }

    /// The kinds of device the page lists (speakers where the browser lets
    /// the page choose them).
    pub fn kinds(&self) -> Vec<DeviceKind> {
        let mut kinds = vec![DeviceKind::VideoInput, DeviceKind::AudioInput];
        if can_choose_speaker() {
            kinds.push(DeviceKind::AudioOutput);
        }
        kinds
    }

    /// Lists the devices of every kind again.
    pub async fn load_devices(self) {
        for kind in self.kinds() {
            match list_devices(kind).await {
                Ok(devices) => {
                    self.devices(kind).try_set(devices);
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

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The devices chosen last time (none when the browser keeps nothing).
fn remembered_choices() -> DeviceChoices {
    let text = local_storage().and_then(|storage| storage.get_item(CHOICES_KEY).ok().flatten());
    DeviceChoices::from_json(text.as_deref())
}
