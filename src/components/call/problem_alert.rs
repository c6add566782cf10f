//! A [`CallProblem`] as the page shows it: what happened, what to do, and
//! the buttons that do it.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{CallController, Mode};
use crate::call::problem::CallProblem;
use crate::components::verify_prompt::VerifyPrompt;
use crate::routes;

/// What the call page tells unverified users.
pub const VERIFY_TO_JOIN: &str = "Verify your account to join this call.";

/// The alert for `problem`, with "Try again" (asking for credentials again,
/// or for the camera and microphone again), "Use audio only", "Join without
/// camera or microphone" and a link to the sessions page as it offers them.
/// An unverified account gets the verify prompt instead.
#[component]
pub fn ProblemAlert(controller: CallController, problem: CallProblem) -> impl IntoView {
    if problem == CallProblem::NotVerified {
        return view! { <VerifyPrompt message=VERIFY_TO_JOIN /> }.into_any();
    }
    let actions = problem.actions();
    let device = problem.is_device_problem();
    let retry = move |_| {
        if device {
            controller.media.start();
        } else {
            controller.retry();
        }
    };
    let class = if device || matches!(problem, CallProblem::TooEarly { .. }) {
        "alert alert--warning"
    } else {
        "alert alert--error"
    };
    view! {
        <div class=class role="alert">
            <p class="alert__title">{problem.title()}</p>
            <p>{problem.message()}</p>
            <div class="alert__actions">
                {actions
                    .retry
                    .then(|| {
                        view! {
                            <button type="button" class="btn btn--secondary btn--small" on:click=retry>
                                "Try again"
                            </button>
                        }
                    })}
                {actions
                    .audio_only
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="btn btn--secondary btn--small"
                                on:click=move |_| controller.media.set_mode(Mode::AudioOnly)
                            >
                                "Use audio only"
                            </button>
                        }
                    })}
                {actions
                    .listen_only
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="btn btn--secondary btn--small"
                                on:click=move |_| controller.join_listen_only()
                            >
                                "Join without camera or microphone"
                            </button>
                        }
                    })}
                {actions
                    .sessions
                    .then(|| {
                        view! {
                            <A href=routes::SESSIONS attr:class="btn btn--secondary btn--small">
                                "Back to your sessions"
                            </A>
                        }
                    })}
            </div>
        </div>
    }
    .into_any()
}
