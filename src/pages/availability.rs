//! `/availability` (professionals): weekly hours and booking rules, date
//! overrides, a preview of the next two weeks as clients see them, and
//! one-off slots. Clients are told the page is not for them.

use chrono::{Local, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::auth::Role;
use tandem_api::availability::{Availability, DateOverride};
use tandem_api::slots::Slot;

use crate::auth::{use_auth, RequireUser};
use crate::availability::requests as availability_requests;
use crate::booking::requests;
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::components::time_zone::ViewerZone;
use crate::routes;

mod hours_form;
mod new_slot_form;
mod override_form;
mod overrides;
mod own_slots;
pub mod preview;
mod range_rows;
mod rules_fields;
mod week_editor;

use hours_form::HoursForm;
use new_slot_form::NewSlotForm;
use overrides::Overrides;
use own_slots::OwnSlots;
use preview::{Preview, PreviewSection};

#[component]
pub fn AvailabilityPage() -> impl IntoView {
    set_page_title(Some("Availability"));
    let auth = use_auth();
    let role = Memo::new(move |_| auth.user().map(|user| user.role));
    view! {
        <section aria-labelledby="availability-title">
            <RequireUser>
                {move || match role.get() {
                    Some(Role::Professional) => view! { <Availability /> }.into_any(),
                    Some(Role::Client) => view! { <OnlyForProfessionals /> }.into_any(),
                    None => ().into_any(),
                }}
            </RequireUser>
        </section>
    }
}

#[component]
pub fn OnlyForProfessionals() -> impl IntoView {
    view! {
        <div class="empty-state">
            <h1 id="availability-title">"Availability"</h1>
            <p class="lead">"This page is for professionals"</p>
            <p class="muted">
                "Professionals publish the times they are free here. "
                "To book one of those times, find a professional."
            </p>
            <A href=routes::PROFESSIONALS attr:class="btn btn--primary">
                "Find a professional"
            </A>
        </div>
    }
}

#[component]
fn Availability() -> impl IntoView {
    let auth = use_auth();
    let today = Local::now().date_naive();
    let own = Remote::new(|| (), |_| requests::own_slots());
    let rules = Remote::new(|| (), |_| availability_requests::availability());
    let overrides = Remote::new(|| (), |_| availability_requests::overrides());
    // The page shows only once the professional is known (RequireUser).
    let me = auth.user().map(|user| user.id);
    me.map(|me| {
        let preview = Preview::load(me, today, ViewerZone::current().query_value());
        view! { <AvailabilityView own rules overrides preview today /> }
    })
}

/// The page as it shows: hours and rules, overrides, the preview, and the
/// one-off slots.
#[component]
pub fn AvailabilityView(
    /// The professional's upcoming one-off slots.
    own: Remote<(), Vec<Slot>>,
    /// The saved weekly hours and rules.
    rules: Remote<(), Availability>,
    overrides: Remote<(), Vec<DateOverride>>,
    preview: Preview,
    /// The viewer's local date.
    today: NaiveDate,
    /// Show every message of the hours form at once (the gallery).
    #[prop(optional)]
    show_errors: bool,
) -> impl IntoView {
    let session_minutes = Signal::derive(move || {
        rules
            .state()
            .and_then(Result::ok)
            .map_or(0, |rules| rules.session_minutes)
    });
    let on_saved = Callback::new(move |_| {
        preview.refresh();
        overrides.refresh();
    });
    view! {
        <header class="page-header">
            <div>
                <h1 id="availability-title">"Availability"</h1>
                <p class="lead page-header__lead">
                    "Set the hours clients can book, and publish one-off times."
                </p>
            </div>
        </header>
        <div class="availability stack stack--loose">
            {move || match rules.state() {
                None => view! { <LoadingLine text="Loading your hours…" /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <LoadError error what="your hours" retry=Callback::new(move |_| rules.retry()) />
                    }
                        .into_any()
                }
                Some(Ok(initial)) => view! { <HoursForm initial on_saved show_errors /> }.into_any(),
            }}
            <div class="split split--even">
                <Overrides
                    overrides
                    today
                    session_minutes
                    on_changed=Callback::new(move |_| preview.refresh())
                />
                <PreviewSection preview today />
            </div>
            <div class="split">
                <section class="card" aria-labelledby="new-slot-title">
                    <h2 id="new-slot-title" class="card__title">
                        "Add a time slot"
                    </h2>
                    <p class="muted small">"A one-off time outside your weekly hours."</p>
                    <NewSlotForm
                        own
                        today
                        on_created=Callback::new(move |_| {
                            own.refresh();
                            preview.refresh();
                        })
                    />
                </section>
                <section aria-labelledby="own-slots-title">
                    <h2 id="own-slots-title" class="section-title">
                        "Your upcoming slots"
                    </h2>
                    <OwnSlots own today />
                </section>
            </div>
        </div>
    }
}
