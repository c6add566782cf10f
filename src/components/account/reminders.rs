//! The account page's reminders section: whether reminder emails come 24
//! hours and 1 hour before each session.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::account::Account;

use super::save_reminders;
use crate::auth::use_auth;
use crate::components::form_field::{FormAlert, SubmitButton};

const REMINDERS_ID: &str = "account-reminders";

#[component]
pub fn RemindersSection(account: RwSignal<Account>) -> impl IntoView {
    let auth = use_auth();
    let wanted = RwSignal::new(account.with_untracked(|a| a.reminders));
    let saved = RwSignal::new(false);
    let form_error = RwSignal::new(None::<String>);
    let save = Action::new_local(move |reminders: &bool| {
        let reminders = *reminders;
        let current = account.get_untracked();
        async move {
            match save_reminders(&current, reminders).await {
                Ok(updated) => {
                    wanted.try_set(updated.reminders);
                    account.try_set(updated);
                    saved.try_set(true);
                }
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) => {
                    form_error.try_set(Some(error.user_message()));
                }
            }
        }
    });
    let pending = save.pending();
    let on_submit = Callback::new(move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        saved.set(false);
        form_error.set(None);
        save.dispatch(wanted.get_untracked());
    });
    view! { <RemindersSectionView wanted saved pending form_error on_submit /> }
}

/// The reminders section as it shows: the box as ticked, saving, saved,
/// or why saving failed (pressing Save again tries again).
#[component]
pub fn RemindersSectionView(
    wanted: RwSignal<bool>,
    #[prop(into)] saved: Signal<bool>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    view! {
        <section class="card stack" aria-labelledby="account-reminders-title">
            <h2 id="account-reminders-title" class="section-title">
                "Reminders"
            </h2>
            <form class="form" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                <label class="choice" for=REMINDERS_ID>
                    <input
                        id=REMINDERS_ID
                        type="checkbox"
                        name="reminders"
                        prop:checked=move || wanted.get()
                        on:change:target=move |ev| wanted.set(ev.target().checked())
                    />
                    "Email me reminders 24 hours and 1 hour before a session"
                </label>
                <p class="muted small">
                    "Confirmations and changes to your sessions are always emailed."
                </p>
                <FormAlert message=form_error />
                <p role="status" class="form-status">
                    {move || saved.get().then_some("Your choice is saved.")}
                </p>
                <div class="form-actions">
                    <SubmitButton pending=pending label="Save reminders" busy_label="Saving…" />
                </div>
            </form>
        </section>
    }
}
