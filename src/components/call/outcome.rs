//! After the call: the person left, or the call ended without them.

use leptos::prelude::*;
use leptos_router::components::A;

use super::CallController;
use crate::call::state::disconnect_reason_words;
use crate::livekit::events::DisconnectReason;
use crate::routes;

/// "You left the call", with "Rejoin" and the way back to the sessions.
#[component]
pub fn LeftCall(controller: CallController) -> impl IntoView {
    view! {
        <div class="alert alert--info" role="status">
            <p class="alert__title">"You left the call"</p>
            <p>"Your camera and microphone are off."</p>
            <Actions controller rejoin="Rejoin" />
        </div>
    }
}

/// The call ended without the person leaving: they joined from another
/// tab or device, or the connection was lost.
#[component]
pub fn CallEnded(controller: CallController, reason: Option<DisconnectReason>) -> impl IntoView {
    let (title, message, rejoin) = match reason {
        Some(DisconnectReason::DuplicateIdentity) => (
            "You joined this call from another tab or device".to_owned(),
            "This tab left the call. Rejoin to continue here instead.".to_owned(),
            "Rejoin here",
        ),
        reason => (
            "You were disconnected".to_owned(),
            format!("Disconnected: {}.", disconnect_reason_words(reason)),
            "Rejoin",
        ),
    };
    view! {
        <div class="alert alert--warning" role="alert">
            <p class="alert__title">{title}</p>
            <p>{message}</p>
            <Actions controller rejoin />
        </div>
    }
}

#[component]
fn Actions(controller: CallController, rejoin: &'static str) -> impl IntoView {
    view! {
        <div class="alert__actions">
            <button type="button" class="btn btn--primary" on:click=move |_| controller.join()>
                {rejoin}
            </button>
            <A href=routes::SESSIONS attr:class="btn btn--secondary">
                "Back to your sessions"
            </A>
        </div>
    }
}
