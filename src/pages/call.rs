//! `/call/:booking_id`: the video call of a booking, for its two
//! participants.
//!
//! Before joining: who you are about to meet and when, your camera and
//! microphone, video or audio only. In the call: the other person large,
//! yourself small, mute / camera / leave. Unverified accounts get the
//! verify prompt instead; everything that keeps someone out says why and
//! what to do. See [`crate::components::call`].

use chrono::Local;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use tandem_api::auth::User;
use tandem_api::BookingId;

use crate::auth::{use_auth, RequireUser};
use crate::booking::time;
use crate::components::call::in_call::InCall;
use crate::components::call::outcome::{CallEnded, LeftCall};
use crate::components::call::prejoin::PreJoin;
use crate::components::call::problem_alert::VERIFY_TO_JOIN;
use crate::components::call::room_watch::use_room_watch;
use crate::components::call::{CallController, Stage};
use crate::components::layout::set_page_title;
use crate::components::verify_prompt::VerifyPrompt;
use crate::routes;

#[derive(Params, Debug, Clone, PartialEq)]
struct CallParams {
    booking_id: Option<BookingId>,
}

#[component]
pub fn CallPage() -> impl IntoView {
    set_page_title(Some("Video call"));
    let params = use_params::<CallParams>();
    let booking_id =
        Memo::new(move |_| params.with(|p| p.as_ref().ok().and_then(|p| p.booking_id)));
    view! {
        <section class="call-page" aria-labelledby="call-title">
            <RequireUser>
                {move || match booking_id.get() {
                    Some(id) => view! { <CallScreen booking_id=id /> }.into_any(),
                    None => view! { <NoSuchCall /> }.into_any(),
                }}
            </RequireUser>
        </section>
    }
}

/// Verified users get the call; others the verify prompt.
#[component]
fn CallScreen(booking_id: BookingId) -> impl IntoView {
    let auth = use_auth();
    let user = Memo::new(move |_| auth.user());
    move || match user.get() {
        Some(user) if user.verified => view! { <VerifiedCall booking_id user /> }.into_any(),
        Some(_) => view! {
            <h1 id="call-title">"Video call"</h1>
            <VerifyPrompt message=VERIFY_TO_JOIN />
        }
        .into_any(),
        None => ().into_any(),
    }
}

#[component]
fn VerifiedCall(booking_id: BookingId, user: User) -> impl IntoView {
    let controller = CallController::new(booking_id, &user);
    controller.open();
    use_room_watch(controller);
    view! { <CallView controller /> }
}

/// The call page as its controller's state says: the header, then the
/// pre-join screen, the call, or how it ended.
#[component]
pub fn CallView(controller: CallController) -> impl IntoView {
    let stage = Memo::new(move |_| controller.stage.get());

    view! {
        <CallHeader controller />
        {move || match stage.get() {
            Stage::PreJoin => view! { <PreJoin controller /> }.into_any(),
            Stage::InCall => view! { <InCall controller /> }.into_any(),
            Stage::Left => view! { <LeftCall controller /> }.into_any(),
            Stage::Disconnected(reason) => view! { <CallEnded controller reason /> }.into_any(),
        }}
    }
}

/// "Session with Dr. Maya Okafor" and when it is.
#[component]
fn CallHeader(controller: CallController) -> impl IntoView {
    let title = move || {
        if controller.booking.with(Option::is_some) {
            format!("Session with {}", controller.other_name())
        } else {
            "Your session".to_owned()
        }
    };
    let when = move || {
        controller.booking.with(|booking| {
            booking.as_ref().map(|b| {
                let today = Local::now().date_naive();
                time::when(&Local, b.start_time, b.end_time, today)
            })
        })
    };
    view! {
        <header class="page-header">
            <div>
                <p class="eyebrow">"Video call"</p>
                <h1 id="call-title">{title}</h1>
                <p class="muted">{when}</p>
            </div>
        </header>
    }
}

/// `/call/abc`: not a booking number.
#[component]
fn NoSuchCall() -> impl IntoView {
    view! {
        <div class="empty-state">
            <h1 id="call-title">"We could not find this call"</h1>
            <p>"The address does not name a session."</p>
            <A href=routes::SESSIONS attr:class="btn btn--primary">
                "Your sessions"
            </A>
        </div>
    }
}
