//! The account page's name section: the name other people see.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::account::Account;
use tandem_api::validation::normalize_full_name;

use super::{save_profile, zone_or_browser};
use crate::auth::use_auth;
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::forms;

const NAME_ID: &str = "account-name";

#[component]
pub fn NameSection(account: RwSignal<Account>) -> impl IntoView {
    let auth = use_auth();
    let full_name = name_field();
    full_name
        .value
        .set(account.with_untracked(|a| a.full_name.clone()));
    let submitted = RwSignal::new(false);
    let saved = RwSignal::new(false);

    let save = Action::new_local(move |name: &String| {
        let name = name.clone();
        let zone = account.with_untracked(zone_or_browser);
        async move {
            let result = save_profile(name, zone).await;
            match &result {
                Ok(updated) => {
                    account.set(updated.clone());
                    full_name.value.set(updated.full_name.clone());
                    saved.set(true);
                    if let Some(mut user) = auth.user() {
                        user.full_name = updated.full_name.clone();
                        auth.set_user(Some(user));
                    }
                }
                Err(error) => {
                    auth.forget_if_unauthorized(error);
                    full_name
                        .server_error
                        .set(error.field_error(full_name.name).map(str::to_owned));
                }
            }
            result
        }
    });
    let pending = save.pending();
    let form_error = Signal::derive(move || {
        save.value().with(|value| match value {
            Some(Err(error)) => forms::form_error(error, &[full_name.name, "time_zone"]),
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
        if full_name.own_error_untracked().is_some() {
            focus_by_id(NAME_ID);
            return;
        }
        let raw = full_name.value.get_untracked();
        save.value().set(None);
        save.dispatch(normalize_full_name(&raw).unwrap_or(raw));
    });

    view! { <NameSectionView full_name submitted saved pending form_error on_submit /> }
}

/// The name box, empty, with the shared name rule.
pub fn name_field() -> TextField {
    TextField::new("full_name", forms::full_name_error)
}

/// The name section as it shows: the name, whether it is being saved or
/// was saved, and why saving failed.
#[component]
pub fn NameSectionView(
    full_name: TextField,
    #[prop(into)] submitted: Signal<bool>,
    #[prop(into)] saved: Signal<bool>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    view! {
        <section class="card stack" aria-labelledby="account-name-title">
            <h2 id="account-name-title" class="section-title">
                "Name"
            </h2>
            <form class="form" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                <FormField
                    id=NAME_ID
                    label="Full name"
                    field=full_name
                    submitted=submitted
                    autocomplete="name"
                    hint="The name professionals and clients see."
                />
                <FormAlert message=form_error />
                <p role="status" class="form-status">
                    {move || saved.get().then_some("Your name is saved.")}
                </p>
                <div class="form-actions">
                    <SubmitButton pending=pending label="Save name" busy_label="Saving…" />
                </div>
            </form>
        </section>
    }
}
