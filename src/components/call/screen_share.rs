//! Screen sharing in the call: the "Share screen" control, and the shared
//! screen shown large (ours while we share, theirs while they do), with
//! the sound of what they share.

use leptos::html::{Audio, Video};
use leptos::prelude::*;

use super::icons::ScreenIcon;
use super::CallController;
use crate::call::screen_share::{ScreenShare, Sharer};
use crate::livekit::events::TrackSource;

/// "Share screen" / "Stop sharing screen".
#[component]
pub fn ShareScreenButton(controller: CallController) -> impl IntoView {
    let ctl = controller;
    let sharing = Memo::new(move |_| ctl.room.screen_share.with(|s| s.local));
    view! {
        <button
            type="button"
            class="btn btn--round"
            aria-pressed=move || sharing.get().to_string()
            aria-label=move || if sharing.get() { "Stop sharing screen" } else { "Share screen" }
            on:click=move |_| ctl.room.toggle_screen_share()
        >
            <ScreenIcon />
        </button>
    }
}

/// The shared screen, large, while someone shares: two videos (ours and
/// theirs, one shown at a time) and the sound of theirs.
#[component]
pub fn SharedScreen(controller: CallController, other_name: Memo<String>) -> impl IntoView {
    let ctl = controller;
    let share = ctl.room.screen_share;
    let shown = Memo::new(move |_| share.with(ScreenShare::shown));
    let theirs = NodeRef::<Video>::new();
    let ours = NodeRef::<Video>::new();
    let their_sound = NodeRef::<Audio>::new();

    let their_video = Memo::new(move |_| share.with(ScreenShare::remote_video));
    let their_audio = Memo::new(move |_| share.with(ScreenShare::remote_audio));
    super::in_call::attach_remote(
        ctl,
        their_video,
        move || theirs.get().map(Into::into),
        TrackSource::ScreenShare,
    );
    super::in_call::attach_remote(
        ctl,
        their_audio,
        move || their_sound.get().map(Into::into),
        TrackSource::ScreenShareAudio,
    );
    let sharing = Memo::new(move |_| share.with(|s| s.local));
    Effect::new(move |_| {
        if let (Some(element), true) = (ours.get(), sharing.get()) {
            ctl.room.attach_local_screen(&element);
        }
    });

    view! {
        <video
            node_ref=theirs
            class="call__screen"
            aria-label=move || format!("Screen shared by {}", other_name.get())
            hidden=move || shown.get() != Some(Sharer::Them)
            autoplay=true
            playsinline=true
            prop:muted=true
        ></video>
        <video
            node_ref=ours
            class="call__screen"
            aria-label="Your shared screen"
            hidden=move || shown.get() != Some(Sharer::Us)
            autoplay=true
            playsinline=true
            prop:muted=true
        ></video>
        <audio class="call__screen-sound" node_ref=their_sound autoplay=true></audio>
    }
}

/// "Maya is sharing their screen", "You are sharing your screen".
#[component]
pub fn SharingNotice(controller: CallController, other_name: Memo<String>) -> impl IntoView {
    let share = controller.room.screen_share;
    view! {
        <p class="call__sharing" aria-live="polite">
            {move || share.with(|s| s.text(&other_name.get()))}
        </p>
        {move || {
            share
                .with(|s| s.failed)
                .then(|| {
                    view! {
                        <div class="alert alert--warning" role="alert">
                            <p class="alert__title">"Your screen could not be shared"</p>
                            <p>
                                "Check that your browser may record the screen (on a Mac: System Settings, Privacy & Security, Screen Recording), then try again."
                            </p>
                        </div>
                    }
                })
        }}
    }
}
