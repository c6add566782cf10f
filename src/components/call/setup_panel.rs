//! "Test your setup" on the pre-join view: a test tone for the speaker,
//! the microphone's level, the camera, and a check of the connection to
//! the video service, each with its result and what to do when it fails.
//!
//! The results live in [`SetupChecks`]; the gallery provides one already
//! filled in (as context) to show each result without a browser's devices.

use leptos::html::Video;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos_use_interval_fn::use_interval_fn;

use super::level_bar::{BarName, LevelBar};
use super::stand_in::video_stand_in;
use super::{CallController, Credentials, Mode, PreviewState};
use crate::call::setup_test::{
    CameraTest, ConnectionTest, MicrophoneTest, SpeakerTest, Status, Verdict,
};
use crate::livekit::setup_checks::{check_connection, play_test_tone};

/// How often the microphone level is read while the panel is open, in ms.
const LEVEL_INTERVAL_MS: u64 = 100;

/// The panel's state: open or not, and the results so far.
#[derive(Debug, Clone, Copy)]
pub struct SetupChecks {
    pub open: RwSignal<bool>,
    pub speaker: RwSignal<SpeakerTest>,
    /// The loudest microphone level since the panel opened.
    pub loudest: RwSignal<f64>,
    pub connection: RwSignal<ConnectionTest>,
}

impl SetupChecks {
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(false),
            speaker: RwSignal::new(SpeakerTest::NotRun),
            loudest: RwSignal::new(0.0),
            connection: RwSignal::new(ConnectionTest::NotRun),
        }
    }

    /// The checks provided as context (the gallery's), else new ones.
    pub fn for_page() -> Self {
        use_context::<Self>().unwrap_or_default()
    }
}

impl Default for SetupChecks {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn SetupPanel(controller: CallController, checks: SetupChecks) -> impl IntoView {
    let ctl = controller;
    let open = checks.open;
    view! {
        <section class="call-setup" aria-labelledby="call-setup-toggle">
            <button
                type="button"
                id="call-setup-toggle"
                class="btn btn--secondary btn--small"
                aria-expanded=move || open.get().to_string()
                aria-controls="call-setup-checks"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Test your setup"
            </button>
            <div id="call-setup-checks" class="call-setup__checks" hidden=move || !open.get()>
                <Show when=move || open.get()>
                    <SpeakerCheck checks />
                    <MicrophoneCheck controller=ctl checks />
                    <CameraCheck controller=ctl />
                    <ConnectionChecks controller=ctl checks />
                </Show>
            </div>
        </section>
    }
}

/// One check: its name, its result, what was found and what to do.
#[component]
fn CheckRow(
    name: &'static str,
    #[prop(into)] verdict: Signal<Verdict>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let status = move || verdict.with(|v| v.status);
    let badge_class = move || {
        let modifier = match status() {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Running => "running",
            Status::NotRun => "idle",
        };
        format!("check-status check-status--{modifier}")
    };
    view! {
        <div class="call-setup__check" role="group" aria-label=name>
            <div class="call-setup__head">
                <h3 class="call-setup__name">{name}</h3>
                <span class=badge_class>{move || status().label()}</span>
            </div>
            <p class="call-setup__summary" aria-live="polite">
                {move || verdict.with(|v| v.summary.clone())}
            </p>
            {move || {
                verdict
                    .with(|v| v.advice)
                    .map(|advice| view! { <p class="call-setup__advice">{advice}</p> })
            }}
            {children.map(|children| view! { <div class="call-setup__actions">{children()}</div> })}
        </div>
    }
}

#[component]
fn SpeakerCheck(checks: SetupChecks) -> impl IntoView {
    let speaker = checks.speaker;
    let play = move |_| {
        speaker.set(SpeakerTest::Playing);
        spawn_local_scoped_with_cancellation(async move {
            let next = match play_test_tone().await {
                Ok(()) => SpeakerTest::Asking,
                Err(error) => {
                    log::info!("could not play the test tone: {error}");
                    SpeakerTest::CouldNotPlay
                }
            };
            speaker.try_set(next);
        });
    };
    let asking = move || speaker.get() == SpeakerTest::Asking;
    view! {
        <CheckRow name="Speaker" verdict=Signal::derive(move || speaker.get().verdict())>
            <Show
                when=asking
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="btn btn--secondary btn--small"
                            disabled=move || speaker.get() == SpeakerTest::Playing
                            on:click=play
                        >
                            "Play test sound"
                        </button>
                    }
                }
            >
                <button
                    type="button"
                    class="btn btn--secondary btn--small"
                    on:click=move |_| speaker.set(SpeakerTest::Heard)
                >
                    "Yes, I heard it"
                </button>
                <button
                    type="button"
                    class="btn btn--secondary btn--small"
                    on:click=move |_| speaker.set(SpeakerTest::NotHeard)
                >
                    "No"
                </button>
            </Show>
        </CheckRow>
    }
}

#[component]
fn MicrophoneCheck(controller: CallController, checks: SetupChecks) -> impl IntoView {
    let ctl = controller;
    let level = RwSignal::new(0.0_f64);
    let _reader = use_interval_fn(
        move || {
            let now = ctl.media.level();
            level.set(now);
            if now > checks.loudest.get_untracked() {
                checks.loudest.set(now);
            }
        },
        LEVEL_INTERVAL_MS,
    );
    let test = Memo::new(move |_| {
        if ctl.media.mode.get() == Mode::ListenOnly {
            MicrophoneTest::Off
        } else if matches!(ctl.media.preview_state.get(), PreviewState::Live { .. }) {
            MicrophoneTest::Listening {
                loudest: checks.loudest.get(),
            }
        } else if ctl.media.device_problem.with(Option::is_some) {
            MicrophoneTest::Failed
        } else {
            MicrophoneTest::Off
        }
    });
    view! {
        <CheckRow name="Microphone" verdict=Signal::derive(move || test.get().verdict())>
            <Show when=move || matches!(test.get(), MicrophoneTest::Listening { .. })>
                <LevelBar level=level name=BarName::Label("Microphone level in the test") />
            </Show>
        </CheckRow>
    }
}

#[component]
fn CameraCheck(controller: CallController) -> impl IntoView {
    let ctl = controller;
    let video = NodeRef::<Video>::new();
    let test = Memo::new(
        move |_| match (ctl.media.mode.get(), ctl.media.preview_state.get()) {
            (Mode::Video, PreviewState::Live { video: true, .. }) => CameraTest::Showing,
            (Mode::Video, PreviewState::Starting) => CameraTest::Starting,
            (Mode::Video, _) if ctl.media.device_problem.with(Option::is_some) => {
                CameraTest::Failed
            }
            (Mode::Video, _) => CameraTest::Starting,
            _ => CameraTest::Off,
        },
    );
    let showing = move || test.get() == CameraTest::Showing;
    Effect::new(move |_| {
        ctl.media.preview_state.track();
        if let (Some(element), CameraTest::Showing) = (video.get(), test.get()) {
            ctl.media.attach(&element);
        }
    });
    view! {
        <CheckRow name="Camera" verdict=Signal::derive(move || test.get().verdict())>
            <div class="call-setup__camera" hidden=move || !showing()>
                <video
                    node_ref=video
                    class="is-mirrored"
                    aria-label="Your camera in the test"
                    autoplay=true
                    playsinline=true
                    prop:muted=true
                ></video>
                {video_stand_in("call-setup__pattern is-mirrored", Signal::derive(showing))}
            </div>
        </CheckRow>
    }
}

#[component]
fn ConnectionChecks(controller: CallController, checks: SetupChecks) -> impl IntoView {
    let ctl = controller;
    let connection = checks.connection;
    let run = move |_| {
        let Credentials::Ready(credentials) = ctl.credentials.state.get_untracked() else {
            connection.set(ConnectionTest::CouldNotRun);
            return;
        };
        connection.set(ConnectionTest::Running);
        spawn_local_scoped_with_cancellation(async move {
            let result =
                check_connection(&credentials.livekit_url, &credentials.setup_check_token).await;
            connection.try_set(match result {
                Ok(report) => ConnectionTest::Done(report),
                Err(error) => {
                    log::info!("the connection check could not run: {error}");
                    ConnectionTest::CouldNotRun
                }
            });
        });
    };
    let ready = move || matches!(ctl.credentials.state.get(), Credentials::Ready(_));
    view! {
        <CheckRow
            name="Connection to the video service"
            verdict=Signal::derive(move || connection.with(ConnectionTest::signalling))
        >
            <button
                type="button"
                class="btn btn--secondary btn--small"
                disabled=move || !ready() || connection.with(ConnectionTest::is_running)
                on:click=run
            >
                {move || {
                    if connection.with(|c| matches!(c, ConnectionTest::NotRun)) {
                        "Check connection"
                    } else {
                        "Check again"
                    }
                }}
            </button>
        </CheckRow>
        <CheckRow
            name="Sound and video over your network"
            verdict=Signal::derive(move || connection.with(ConnectionTest::media))
        />
    }
}
