//! Dev builds: a moving test pattern, drawn in a canvas, in place of a
//! video that no LiveKit sends (the gallery shows the call page this way).
//! Outside the gallery, and in release builds, it renders nothing.

use leptos::prelude::*;

/// Provided by the gallery: videos get the test pattern.
#[cfg(debug_assertions)]
#[derive(Debug, Clone, Copy)]
pub struct VideoStandIn;

/// Asks every call video below the current owner for the test pattern.
#[cfg(debug_assertions)]
pub fn provide_video_stand_in() {
    provide_context(VideoStandIn);
}

/// The test pattern over a video element while `shown`, when the gallery
/// asked for one. `class` places it as the video it stands in for.
#[cfg(debug_assertions)]
pub fn video_stand_in(class: &'static str, shown: Signal<bool>) -> impl IntoView {
    use_context::<VideoStandIn>().map(|_| {
        view! {
            <Show when=move || shown.get()>
                <crate::gallery::test_pattern::TestPattern class />
            </Show>
        }
    })
}

/// Release builds: nothing.
#[cfg(not(debug_assertions))]
pub fn video_stand_in(_class: &'static str, _shown: Signal<bool>) -> impl IntoView {}
