//! The account page's "delete account": a first button, then a
//! confirmation step that asks for the password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::account::requests;
use crate::auth::use_auth;
use crate::components::form_field::{focus_by_id, FormAlert, FormField, TextField};
use crate::{forms, routes};

const OPEN_ID: &str = "account-delete-open";
const PASSWORD_ID: &str = "account-delete-password";

#[component]
pub fn DeleteAccountSection() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let password = confirm_password_field();
    let submitted = RwSignal::new(false);

    let delete = Action::new_local(move |plain: &String| {
        let plain = plain.clone();
        let navigate = navigate.clone();
        async move {
            let result = requests::delete(&plain).await;
            match &result {
                Ok(()) => {
                    auth.signed_out_by_choice();
                    navigate(routes::HOME, NavigateOptions::default());
                }
                Err(error) => {
                    auth.forget_if_unauthorized(error);
                    password
                        .server_error
                        .set(error.field_error(password.name).map(str::to_owned));
                }
            }
            result
        }
    });
    let pending = delete.pending();
    let form_error = Signal::derive(move || {
        delete.value().with(|value| match value {
            Some(Err(error)) => forms::form_error(error, &[password.name]),
            _ => None,
        })
    });
    let on_submit = Callback::new(move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        if password.own_error_untracked().is_some() {
            focus_by_id(PASSWORD_ID);
            return;
        }
        delete.value().set(None);
        delete.dispatch(password.value.get_untracked());
    });

    view! { <DeleteAccountView confirming password submitted pending form_error on_submit /> }
}

/// The password box of the confirmation step, empty.
pub fn confirm_password_field() -> TextField {
    TextField::new("password", forms::current_password_error)
}

/// The section as it shows: the first button, or the confirmation step
/// with the password (deleting, or why it was refused). Opening and
/// closing the confirmation happen here.
#[component]
pub fn DeleteAccountView(
    confirming: RwSignal<bool>,
    password: TextField,
    submitted: RwSignal<bool>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    let open = move |_| {
        confirming.set(true);
        request_animation_frame(|| focus_by_id(PASSWORD_ID));
    };
    let keep = move |_| {
        confirming.set(false);
        password.value.set(String::new());
        submitted.set(false);
        request_animation_frame(|| focus_by_id(OPEN_ID));
    };

    view! {
        <section class="card stack" aria-labelledby="account-delete-title">
            <h2 id="account-delete-title" class="section-title">
                "Delete account"
            </h2>
            <p>
                "Deleting your account cancels your upcoming sessions (the other person is told why) "
                "and erases your email address, name and password. It cannot be undone. "
                "Past sessions stay in the other person's history as “Deleted account”."
            </p>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <div class="form-actions">
                            <button
                                type="button"
                                id=OPEN_ID
                                class="btn btn--danger"
                                on:click=open
                            >
                                "Delete account…"
                            </button>
                        </div>
                    }
                }
            >
                <form
                    class="form"
                    novalidate=true
                    on:submit=move |ev| on_submit.run(ev)
                    aria-labelledby="account-delete-question"
                >
                    <p id="account-delete-question" class="confirm__question">
                        "Delete your account for good? Enter your password to confirm."
                    </p>
                    <FormField
                        id=PASSWORD_ID
                        label="Password"
                        field=password
                        submitted=submitted
                        input_type="password"
                        autocomplete="current-password"
                    />
                    <FormAlert message=form_error />
                    <div class="confirm__actions">
                        <button
                            type="submit"
                            class="btn btn--danger"
                            class:is-busy=move || pending.get()
                            disabled=move || pending.get()
                        >
                            {move || if pending.get() { "Deleting…" } else { "Delete my account" }}
                        </button>
                        <button
                            type="button"
                            class="btn btn--secondary"
                            disabled=move || pending.get()
                            on:click=keep
                        >
                            "Keep my account"
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
