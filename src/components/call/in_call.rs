//! In the call: the other person large, ourselves small (mirrored), the
//! connection in words, and the controls; a shared screen large with the
//! cameras beside it.

use leptos::html::{Audio, Video};
use leptos::prelude::*;

use super::chat_panel::ChatPanel;
use super::icons::{CameraIcon, LeaveIcon, MicrophoneIcon};
use super::prejoin::DevicePicker;
use super::running_late::RunningLateNotice;
use super::screen_share::{ShareScreenButton, SharedScreen, SharingNotice};
use super::session_clock::SessionClock;
use super::shortcuts_help::{use_call_shortcuts, ShortcutsHelp};
use super::stand_in::video_stand_in;
use super::CallController;
use crate::call::problem::{CallProblem, Devices};
use crate::call::shortcuts::ShortcutAction;
use crate::call::state::{CallState, Connection, Presence};
use crate::livekit::can_choose_speaker;
use crate::livekit::events::{DeviceKind, TrackSource};

#[component]
pub fn InCall(controller: CallController) -> impl IntoView {
    let ctl = controller;
    let name = Memo::new(move |_| ctl.other_name());
    let presence = Memo::new(move |_| ctl.presence());
    let remote_video = NodeRef::<Video>::new();
    let remote_audio = NodeRef::<Audio>::new();
    let self_video = NodeRef::<Video>::new();
    let shortcuts_open = RwSignal::new(false);
    let sharing = Memo::new(move |_| ctl.room.screen_share.with(|s| s.shown().is_some()));
    use_call_shortcuts(ctl, shortcuts_open);

    let remote_camera = Memo::new(move |_| ctl.room.call.with(CallState::remote_camera));
    let remote_microphone = Memo::new(move |_| ctl.room.call.with(CallState::remote_microphone));
    attach_remote(
        ctl,
        remote_camera,
        move || remote_video.get().map(Into::into),
        TrackSource::Camera,
    );
    attach_remote(
        ctl,
        remote_microphone,
        move || remote_audio.get().map(Into::into),
        TrackSource::Microphone,
    );

    let camera_on = Memo::new(move |_| ctl.room.call.with(|c| c.camera_on));
    let microphone_on = Memo::new(move |_| ctl.room.call.with(|c| c.microphone_on));
    Effect::new(move |_| {
        ctl.room.local_video.track();
        if let (Some(element), true) = (self_video.get(), camera_on.get()) {
            ctl.room.attach_local_video(&element);
        }
    });

    let remote_camera_off = Memo::new(move |_| {
        ctl.room
            .call
            .with(|c| c.remote.as_ref().is_none_or(|remote| remote.camera_off()))
    });
    let remote_microphone_off = Memo::new(move |_| {
        ctl.room.call.with(|c| {
            c.remote
                .as_ref()
                .is_some_and(|remote| remote.microphone_off())
        })
    });
    let reconnecting = Memo::new(move |_| {
        ctl.room
            .call
            .with(|c| c.connection == Connection::Reconnecting)
    });
    let overlay = move || {
        if reconnecting.get() {
            return None;
        }
        let name = name.get();
        match presence.get() {
            Some(Presence::Here) if remote_camera_off.get() => {
                Some(format!("{name}'s camera is off"))
            }
            Some(Presence::Here) | None => None,
            Some(other) => Some(other.text(&name)),
        }
    };
    let device_error = Memo::new(move |_| {
        ctl.room.call.with(|c| {
            c.device_error.as_ref().map(|failed| {
                CallProblem::from_devices(&failed.error, Devices::of_kind(failed.kind))
            })
        })
    });

    view! {
        <section class="call" aria-label=move || format!("Call with {}", name.get())>
            <div class="call__bar">
                <p class="call__state" role="status" aria-label="Connection">
                    {move || ctl.room.call.with(CallState::connection_text)}
                </p>
                <p class="call__quality">{move || ctl.room.call.with(CallState::quality_text)}</p>
                <p class="call__presence" aria-live="polite">
                    {move || (presence.get() == Some(Presence::Here)).then(|| Presence::Here.text(&name.get()))}
                </p>
                <SessionClock booking=ctl.booking />
            </div>
            <RunningLateNotice controller=ctl />
            <SharingNotice controller=ctl other_name=name />
            <div class="call__stage" class:call__stage--sharing=move || sharing.get()>
                <SharedScreen controller=ctl other_name=name />
                <video
                    node_ref=remote_video
                    class="call__remote"
                    aria-label=move || format!("Video of {}", name.get())
                    hidden=move || remote_camera_off.get()
                    autoplay=true
                    playsinline=true
                    prop:muted=true
                ></video>
                {video_stand_in("call__remote", Signal::derive(move || !remote_camera_off.get()))}
                {move || overlay().map(|text| view! { <p class="call__waiting">{text}</p> })}
                <Show when=move || reconnecting.get()>
                    <div
                        class="call__waiting call__waiting--reconnecting"
                        role="status"
                        aria-label="Reconnecting"
                    >
                        <p>
                            <span class="spinner" aria-hidden="true"></span>
                            " Reconnecting…"
                        </p>
                        <p>"The call carries on as soon as the connection is back."</p>
                    </div>
                </Show>
                <video
                    node_ref=self_video
                    class="call__self"
                    aria-label="Your camera"
                    hidden=move || !camera_on.get()
                    autoplay=true
                    playsinline=true
                    prop:muted=true
                ></video>
                {video_stand_in("call__self", camera_on.into())}
            </div>
            <audio class="call__voice" node_ref=remote_audio autoplay=true></audio>
            <ul class="call__notices" role="list" aria-live="polite">
                <Show when=move || remote_microphone_off.get()>
                    <li>{move || format!("{}'s microphone is off", name.get())}</li>
                </Show>
                {move || ctl.room.device_notice.get().map(|notice| view! { <li>{notice}</li> })}
            </ul>
            <Show when=move || ctl.room.call.with(|c| c.audio_blocked)>
                <div class="alert alert--warning" role="alert">
                    <p>"Your browser paused the sound of this call."</p>
                    <div class="alert__actions">
                        <button
                            type="button"
                            class="btn btn--primary btn--small"
                            on:click=move |_| ctl.room.start_audio()
                        >
                            "Start audio"
                        </button>
                    </div>
                </div>
            </Show>
            {move || {
                device_error
                    .get()
                    .map(|problem| {
                        view! {
                            <div class="alert alert--warning" role="alert">
                                <p class="alert__title">{problem.title()}</p>
                                <p>{problem.message()}</p>
                            </div>
                        }
                    })
            }}
            <div class="call__controls" role="group" aria-label="Call controls">
                <button
                    type="button"
                    class="btn btn--round"
                    aria-pressed=move || (!microphone_on.get()).to_string()
                    aria-keyshortcuts=ShortcutAction::ToggleMicrophone.aria_keyshortcuts()
                    aria-label=move || {
                        if microphone_on.get() { "Mute microphone" } else { "Unmute microphone" }
                    }
                    on:click=move |_| ctl.toggle_microphone()
                >
                    {move || view! { <MicrophoneIcon off=!microphone_on.get() /> }}
                </button>
                <button
                    type="button"
                    class="btn btn--round"
                    aria-pressed=move || (!camera_on.get()).to_string()
                    aria-keyshortcuts=ShortcutAction::ToggleCamera.aria_keyshortcuts()
                    aria-label=move || {
                        if camera_on.get() { "Turn camera off" } else { "Turn camera on" }
                    }
                    on:click=move |_| ctl.toggle_camera()
                >
                    {move || view! { <CameraIcon off=!camera_on.get() /> }}
                </button>
                <ShareScreenButton controller=ctl />
                <button
                    type="button"
                    class="btn btn--round btn--danger"
                    aria-label="Leave call"
                    aria-keyshortcuts=ShortcutAction::Leave.aria_keyshortcuts()
                    on:click=move |_| ctl.leave()
                >
                    <LeaveIcon />
                </button>
            </div>
            <ShortcutsHelp open=shortcuts_open />
            <details class="call__devices">
                <summary>"Devices"</summary>
                <div class="stack stack--tight">
                    <DevicePicker
                        controller=ctl
                        kind=DeviceKind::VideoInput
                        id="call-camera"
                        label="Camera"
                    />
                    <DevicePicker
                        controller=ctl
                        kind=DeviceKind::AudioInput
                        id="call-microphone"
                        label="Microphone"
                    />
                    <Show when=can_choose_speaker>
                        <DevicePicker
                            controller=ctl
                            kind=DeviceKind::AudioOutput
                            id="call-speaker"
                            label="Speaker"
                        />
                    </Show>
                </div>
            </details>
            <ChatPanel controller=ctl other_name=name />
        </section>
    }
}

/// Keeps the element `element()` gives playing the other participant's
/// track of `source` while `identity` names them, and detaches it when they
/// go.
pub(super) fn attach_remote(
    ctl: CallController,
    identity: Memo<Option<String>>,
    element: impl Fn() -> Option<web_sys::HtmlMediaElement> + 'static,
    source: TrackSource,
) {
    Effect::new(move |previous: Option<Option<String>>| {
        let current = identity.get();
        if let Some(element) = element() {
            if let Some(Some(old)) = &previous {
                if current.as_ref() != Some(old) {
                    ctl.room.detach_remote(old, source, &element);
                }
            }
            if let Some(identity) = &current {
                ctl.room.attach_remote(identity, source, &element);
            }
        }
        current
    });
}
