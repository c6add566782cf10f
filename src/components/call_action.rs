//! The call button of an upcoming session.
//!
//! Only verified users get one: a "Join call" link to the call page while
//! the call window is open (from shortly before the start until the end),
//! and before that a disabled button saying when it opens. Unverified users
//! see the verify prompt instead, and no call button at all.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::BookingId;

use crate::booking::call::{opens_hint, starts_in, CallWindow};
use crate::components::verify_prompt::VerifyPrompt;
use crate::routes;

/// What unverified users are told where the call button would be.
pub const VERIFY_TO_JOIN: &str = "Verify your account to join calls";

#[component]
pub fn CallAction(
    booking: BookingId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    /// The current time, updated by the page.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    #[prop(into)] verified: Signal<bool>,
) -> impl IntoView {
    let hint_id = format!("call-hint-{booking}");
    let window = Memo::new(move |_| CallWindow::at(start, end, now.get()));
    move || {
        if !verified.get() {
            return view! { <VerifyPrompt message=VERIFY_TO_JOIN /> }.into_any();
        }
        let hint_id = hint_id.clone();
        match window.get() {
            CallWindow::Open => {
                let when = move || {
                    let now = now.get();
                    if now < start {
                        starts_in(start, now)
                    } else {
                        "Happening now".to_owned()
                    }
                };
                view! {
                    <div class="call-action">
                        // A page load of its own: release builds serve the call
                        // page as an app of its own (src/call_app.rs).
                        <A
                            href=routes::call(booking)
                            attr:class="btn btn--primary btn--small"
                            attr:rel="external"
                        >
                            "Join call"
                        </A>
                        <p class="call-action__hint">{when}</p>
                    </div>
                }
                .into_any()
            }
            CallWindow::NotYet => view! {
                <div class="call-action">
                    <button
                        type="button"
                        class="btn btn--primary btn--small"
                        disabled=true
                        aria-describedby=hint_id.clone()
                    >
                        "Join call"
                    </button>
                    <p id=hint_id class="call-action__hint">
                        <span class="call-action__starts">{move || starts_in(start, now.get())}</span>
                        " · "
                        {opens_hint()}
                    </p>
                </div>
            }
            .into_any(),
            CallWindow::Ended => view! {
                <p class="call-action__hint">"This session has ended."</p>
            }
            .into_any(),
        }
    }
}
