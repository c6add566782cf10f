//! The call controls' icons. Decorative: the buttons are named by their
//! `aria-label`.

use leptos::prelude::*;

#[component]
fn Icon(children: Children) -> impl IntoView {
    view! {
        <svg
            viewBox="0 0 24 24"
            width="24"
            height="24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            {children()}
        </svg>
    }
}

/// A microphone, struck through when `off`.
#[component]
pub fn MicrophoneIcon(off: bool) -> impl IntoView {
    view! {
        <Icon>
            <rect x="9" y="3" width="6" height="11" rx="3" />
            <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
            {off.then(|| view! { <path d="M4 4l16 16" /> })}
        </Icon>
    }
}

/// A camera, struck through when `off`.
#[component]
pub fn CameraIcon(off: bool) -> impl IntoView {
    view! {
        <Icon>
            <rect x="3" y="7" width="12" height="10" rx="2" />
            <path d="M15 11l6-3v8l-6-3" />
            {off.then(|| view! { <path d="M3 4l18 16" /> })}
        </Icon>
    }
}

/// A handset put down.
#[component]
pub fn LeaveIcon() -> impl IntoView {
    view! {
        <Icon>
            <path d="M3 14.5c5-4.7 13-4.7 18 0l-2.2 2.6-3.3-1.2v-2.3a10 10 0 0 0-7 0v2.3l-3.3 1.2z" />
        </Icon>
    }
}

/// A screen with an arrow up out of it.
#[component]
pub fn ScreenIcon() -> impl IntoView {
    view! {
        <Icon>
            <rect x="2" y="4" width="20" height="13" rx="2" />
            <path d="M8 21h8M12 17v4M12 13V8M9.5 10.5L12 8l2.5 2.5" />
        </Icon>
    }
}
