//! The account page's time zone section: an IANA zone name, the
//! browser's own until the person saves another.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::account::Account;

use super::{save_profile, zone_or_browser};
use crate::auth::use_auth;
use crate::booking::time::browser_time_zone;
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::forms;

const ZONE_ID: &str = "account-time-zone";

#[component]
pub fn TimeZoneSection(account: RwSignal<Account>) -> impl IntoView {
    let auth = use_auth();
    let zone = zone_field();
    zone.value.set(account.with_untracked(zone_or_browser));
    let submitted = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let chosen = Memo::new(move |_| account.with(|a| a.time_zone.clone()));

    let save = Action::new_local(move |name: &String| {
        let name = name.clone();
        let full_name = account.with_untracked(|a| a.full_name.clone());
        async move {
            let result = save_profile(full_name, name).await;
            match &result {
                Ok(updated) => {
                    account.set(updated.clone());
                    zone.value.set(zone_or_browser(updated));
                    saved.set(true);
                }
                Err(error) => {
                    auth.forget_if_unauthorized(error);
                    zone.server_error
                        .set(error.field_error(zone.name).map(str::to_owned));
                }
            }
            result
        }
    });
    let pending = save.pending();
    let form_error = Signal::derive(move || {
        save.value().with(|value| match value {
            Some(Err(error)) => forms::form_error(error, &[zone.name, "full_name"]),
            _ => None,
        })
    });
    let on_submit = Callback::new(move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        saved.set(false);
        if zone.own_error_untracked().is_some() {
            focus_by_id(ZONE_ID);
            return;
        }
        save.value().set(None);
        save.dispatch(zone.value.get_untracked().trim().to_owned());
    });

    view! { <TimeZoneSectionView zone chosen submitted saved pending form_error on_submit /> }
}

/// The time zone box, empty.
pub fn zone_field() -> TextField {
    TextField::new("time_zone", forms::time_zone_error)
}

/// The time zone section as it shows: the zone in the box, the one saved
/// (`chosen`, none yet: the browser's is offered), saving, saved, refused.
#[component]
pub fn TimeZoneSectionView(
    zone: TextField,
    #[prop(into)] chosen: Signal<Option<String>>,
    #[prop(into)] submitted: Signal<bool>,
    #[prop(into)] saved: Signal<bool>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    let browser = browser_time_zone();
    let note = move || match (chosen.get(), browser.clone()) {
        (Some(zone), _) => format!("Saved: {zone}."),
        (None, Some(browser)) => {
            format!("Not chosen yet: this is your browser's time zone, {browser}.")
        }
        (None, None) => "Not chosen yet.".to_owned(),
    };

    view! {
        <section class="card stack" aria-labelledby="account-zone-title">
            <h2 id="account-zone-title" class="section-title">
                "Time zone"
            </h2>
            <p class="muted">{note}</p>
            <form class="form" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                <FormField
                    id=ZONE_ID
                    label="Time zone"
                    field=zone
                    submitted=submitted
                    hint="An IANA time zone name, such as Europe/Paris or America/New_York."
                />
                <FormAlert message=form_error />
                <p role="status" class="form-status">
                    {move || saved.get().then_some("Your time zone is saved.")}
                </p>
                <div class="form-actions">
                    <SubmitButton pending=pending label="Save time zone" busy_label="Saving…" />
                </div>
            </form>
        </section>
    }
}
