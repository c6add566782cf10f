//! Before joining: who is waiting, the camera preview and microphone level,
//! the choice of devices and of video or audio only, "Test your setup",
//! and "Join call".

use chrono::{Local, Utc};
use leptos::html::Video;
use leptos::prelude::*;
use leptos_use_interval_fn::use_interval_fn;

use super::level_bar::{BarName, LevelBar};
use super::problem_alert::ProblemAlert;
use super::running_late::{RunningLateButton, RunningLateNotice};
use super::setup_panel::{SetupChecks, SetupPanel};
use super::stand_in::video_stand_in;
use super::{CallController, Credentials, Mode, PreviewState};
use crate::call::problem::CallProblem;
use crate::call::running_late::can_say;
use crate::livekit::events::DeviceKind;
use crate::livekit::Device;

/// How often the microphone meter is read, in milliseconds.
const METER_INTERVAL_MS: u64 = 100;

#[component]
pub fn PreJoin(controller: CallController) -> impl IntoView {
    let ctl = controller;
    ctl.ensure_preview();
    let checks = SetupChecks::for_page();

    // A problem with the booking or the credentials, else with joining.
    let problem = Memo::new(move |_| {
        if let Some(problem) = ctl.join_problem.get() {
            return Some(problem);
        }
        if let Some(problem) = ctl
            .booking
            .with(|b| b.as_ref().and_then(CallProblem::from_booking))
        {
            return Some(problem);
        }
        match ctl.credentials.state.get() {
            Credentials::Failed(error) => CallProblem::from_credentials(
                &error,
                ctl.booking.get().as_ref(),
                Utc::now(),
                &Local,
            ),
            _ => None,
        }
    });
    let ready = Memo::new(move |_| {
        problem.with(Option::is_none)
            && matches!(ctl.credentials.state.get(), Credentials::Ready(_))
    });

    let presence = move || {
        let name = ctl.other_name();
        ctl.presence().map(|presence| presence.text(&name))
    };

    view! {
        <div class="call-prejoin">
            <div class="call-prejoin__side">
                <Preview controller=ctl />
                <SetupPanel controller=ctl checks />
            </div>
            <form
                class="card stack call-prejoin__form"
                aria-label="Join the call"
                on:submit=move |ev| {
                    ev.prevent_default();
                    if ready.get_untracked() {
                        ctl.join();
                    }
                }
            >
                <p class="call-prejoin__presence" role="status">
                    {presence}
                </p>
                <RunningLateNotice controller=ctl />
                {move || problem.get().map(|problem| view! { <ProblemAlert controller=ctl problem /> })}
                {move || {
                    ctl.media.device_problem
                        .get()
                        .map(|problem| view! { <ProblemAlert controller=ctl problem /> })
                }}
                <ModeChoice controller=ctl />
                <Show when=move || ctl.media.mode.get() == Mode::Video>
                    <DevicePicker
                        controller=ctl
                        kind=DeviceKind::VideoInput
                        id="call-camera"
                        label="Camera"
                    />
                </Show>
                <Show when=move || ctl.media.mode.get() != Mode::ListenOnly>
                    <DevicePicker
                        controller=ctl
                        kind=DeviceKind::AudioInput
                        id="call-microphone"
                        label="Microphone"
                    />
                </Show>
                <button
                    type="submit"
                    class="btn btn--primary btn--large btn--block"
                    disabled=move || !ready.get()
                >
                    "Join call"
                </button>
                <Show when=move || matches!(ctl.credentials.state.get(), Credentials::Loading)>
                    <p class="muted small">
                        <span class="spinner" aria-hidden="true"></span>
                        " Getting the call ready…"
                    </p>
                </Show>
                <Show when=move || {
                    !matches!(problem.get(), Some(CallProblem::NotVerified))
                        && ctl.booking.with(|b| b.as_ref().is_some_and(|b| can_say(b, Utc::now())))
                }>
                    <RunningLateButton controller=ctl />
                </Show>
            </form>
        </div>
    }
}

/// The mirrored camera preview and the microphone level.
#[component]
fn Preview(controller: CallController) -> impl IntoView {
    let ctl = controller;
    let video = NodeRef::<Video>::new();
    let camera_live = Memo::new(move |_| {
        matches!(
            ctl.media.preview_state.get(),
            PreviewState::Live { video: true, .. }
        )
    });
    Effect::new(move |_| {
        ctl.media.preview_state.track();
        if let (Some(element), true) = (video.get(), camera_live.get()) {
            ctl.media.attach(&element);
        }
    });

    let level = RwSignal::new(0.0_f64);
    let _meter = use_interval_fn(move || level.set(ctl.media.level()), METER_INTERVAL_MS);
    let microphone_live = Memo::new(move |_| {
        matches!(ctl.media.preview_state.get(), PreviewState::Live { .. })
            && ctl.media.mode.get() != Mode::ListenOnly
    });

    let placeholder = move || match (ctl.media.preview_state.get(), ctl.media.mode.get()) {
        (PreviewState::Starting, Mode::Video) => "Starting your camera…",
        (_, Mode::Video) => "Your camera is off",
        _ => "Audio only: your camera stays off",
    };

    view! {
        <div class="call call-prejoin__preview">
            <div class="call__stage">
                <video
                    node_ref=video
                    class="call__remote is-mirrored"
                    aria-label="Your camera preview"
                    hidden=move || !camera_live.get()
                    autoplay=true
                    playsinline=true
                    prop:muted=true
                ></video>
                {video_stand_in("call__remote is-mirrored", camera_live.into())}
                <Show when=move || !camera_live.get()>
                    <p class="call__waiting">{placeholder}</p>
                </Show>
            </div>
            <Show when=move || microphone_live.get()>
                <div class="call__bar call-prejoin__level">
                    <span id="call-level-label">"Microphone level"</span>
                    <LevelBar level=level name=BarName::LabelledBy("call-level-label") />
                </div>
            </Show>
        </div>
    }
}

/// "Video call" or "Audio only".
#[component]
fn ModeChoice(controller: CallController) -> impl IntoView {
    let ctl = controller;
    let choice = move |value: Mode, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="call-mode"
                    prop:checked=move || ctl.media.mode.get() == value
                    on:change=move |_| ctl.media.set_mode(value)
                />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Join with"</legend>
            <div class="cluster">
                {choice(Mode::Video, "Video call")} {choice(Mode::AudioOnly, "Audio only")}
            </div>
        </fieldset>
    }
}

/// A `<select>` of cameras, microphones or speakers, named as the browser
/// names them.
#[component]
pub fn DevicePicker(
    controller: CallController,
    kind: DeviceKind,
    id: &'static str,
    label: &'static str,
) -> impl IntoView {
    let ctl = controller;
    let (devices, chosen) = (ctl.media.devices(kind), ctl.media.chosen(kind));
    let options = move || {
        let chosen = chosen.get();
        devices
            .get()
            .into_iter()
            .enumerate()
            .map(
                |(
                    index,
                    Device {
                        device_id,
                        label: name,
                    },
                )| {
                    let text = if name.is_empty() {
                        format!("{label} {}", index + 1)
                    } else {
                        name
                    };
                    let selected = chosen.as_deref() == Some(device_id.as_str());
                    view! {
                        <option value=device_id selected=selected>
                            {text}
                        </option>
                    }
                },
            )
            .collect_view()
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>
                {label}
            </label>
            <select
                class="input"
                id=id
                disabled=move || devices.with(Vec::is_empty)
                on:change:target=move |ev| ctl.choose_device(kind, ev.target().value())
            >
                {options}
            </select>
        </div>
    }
}
