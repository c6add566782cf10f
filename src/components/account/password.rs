//! The account page's password section: the current password, then the
//! new one. Other browsers are signed out; this one stays.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::account::ChangePasswordRequest;

use crate::account::requests;
use crate::auth::use_auth;
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::forms;

const CURRENT_ID: &str = "account-current-password";
const NEW_ID: &str = "account-new-password";

#[component]
pub fn PasswordSection() -> impl IntoView {
    let auth = use_auth();
    let (current, new) = password_fields();
    let submitted = RwSignal::new(false);
    let saved = RwSignal::new(false);

    let change = Action::new_local(move |request: &ChangePasswordRequest| {
        let request = request.clone();
        async move {
            let result = requests::change_password(&request).await;
            match &result {
                Ok(()) => {
                    saved.set(true);
                    submitted.set(false);
                    for field in [current, new] {
                        field.value.set(String::new());
                        field.touched.set(false);
                    }
                }
                Err(error) => {
                    auth.forget_if_unauthorized(error);
                    for field in [current, new] {
                        let message = error.field_error(field.name).map(str::to_owned);
                        field.server_error.set(message);
                    }
                }
            }
            result
        }
    });
    let pending = change.pending();
    let form_error = Signal::derive(move || {
        change.value().with(|value| match value {
            Some(Err(error)) => forms::form_error(error, &[current.name, new.name]),
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
        let first_invalid = [(current, CURRENT_ID), (new, NEW_ID)]
            .into_iter()
            .find(|(field, _)| field.own_error_untracked().is_some());
        if let Some((_, id)) = first_invalid {
            focus_by_id(id);
            return;
        }
        change.value().set(None);
        change.dispatch(ChangePasswordRequest {
            current_password: current.value.get_untracked(),
            new_password: new.value.get_untracked(),
        });
    });

    view! { <PasswordSectionView current new submitted saved pending form_error on_submit /> }
}

/// The current and the new password boxes, empty.
pub fn password_fields() -> (TextField, TextField) {
    (
        TextField::new("current_password", forms::current_password_error),
        TextField::new("new_password", forms::new_password_error),
    )
}

/// The password section as it shows: the two passwords, saving, changed,
/// or why the change was refused.
#[component]
pub fn PasswordSectionView(
    current: TextField,
    new: TextField,
    #[prop(into)] submitted: Signal<bool>,
    #[prop(into)] saved: Signal<bool>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    view! {
        <section class="card stack" aria-labelledby="account-password-title">
            <h2 id="account-password-title" class="section-title">
                "Password"
            </h2>
            <form class="form" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                <FormField
                    id=CURRENT_ID
                    label="Current password"
                    field=current
                    submitted=submitted
                    input_type="password"
                    autocomplete="current-password"
                />
                <FormField
                    id=NEW_ID
                    label="New password"
                    field=new
                    submitted=submitted
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 8 characters, and not easy to guess. Your other devices will be signed out."
                />
                <FormAlert message=form_error />
                <p role="status" class="form-status">
                    {move || {
                        saved
                            .get()
                            .then_some(
                                "Your password is changed. Your other devices were signed out.",
                            )
                    }}
                </p>
                <div class="form-actions">
                    <SubmitButton pending=pending label="Change password" busy_label="Saving…" />
                </div>
            </form>
        </section>
    }
}
