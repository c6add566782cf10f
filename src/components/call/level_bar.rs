//! The microphone's level as a bar: a `meter` from 0 to 100 for screen
//! readers, filled as far as the level goes.

use leptos::prelude::*;

/// How a [`LevelBar`] is named for screen readers.
#[derive(Debug, Clone, Copy)]
pub enum BarName {
    /// By its own `aria-label`.
    Label(&'static str),
    /// By the element of this id (`aria-labelledby`).
    LabelledBy(&'static str),
}

/// `level` (0.0 to 1.0) as a bar.
#[component]
pub fn LevelBar(#[prop(into)] level: Signal<f64>, name: BarName) -> impl IntoView {
    let percent = Memo::new(move |_| (level.get() * 100.0).round().clamp(0.0, 100.0) as u8);
    let (label, labelled_by) = match name {
        BarName::Label(label) => (Some(label), None),
        BarName::LabelledBy(id) => (None, Some(id)),
    };
    view! {
        <div
            class="level-meter"
            role="meter"
            aria-label=label
            aria-labelledby=labelled_by
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=move || percent.get()
        >
            <div class="level-meter__fill" style:width=move || format!("{}%", percent.get())></div>
        </div>
    }
}
