//! `/forgot-password`: ask for a link to choose a new password. The answer
//! is the same whether or not the address has an account.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::account::PasswordResetRequested;
use tandem_api::validation::normalize_email;

use crate::api::ApiError;
use crate::auth::requests;
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::components::layout::set_page_title;
use crate::{forms, routes};

const EMAIL_ID: &str = "forgot-email";

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    set_page_title(Some("Forgot your password"));
    let fields = ForgotPasswordFields::new();
    let ForgotPasswordFields { email, submitted } = fields;

    let send = Action::new_local(move |address: &String| {
        let address = address.clone();
        async move {
            let result: Result<PasswordResetRequested, ApiError> =
                requests::request_password_reset(&address).await;
            if let Err(error) = &result {
                email
                    .server_error
                    .set(error.field_error(email.name).map(str::to_owned));
            }
            result
        }
    });
    let pending = send.pending();
    let form_error = Signal::derive(move || {
        send.value().with(|value| match value {
            Some(Err(error)) => forms::form_error(error, &[email.name]),
            _ => None,
        })
    });
    let sent = Signal::derive(move || {
        send.value().with(|value| match value {
            Some(Ok(answer)) => Some(answer.message.clone()),
            _ => None,
        })
    });

    let on_submit = Callback::new(move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        if email.own_error_untracked().is_some() {
            focus_by_id(EMAIL_ID);
            return;
        }
        let raw = email.value.get_untracked();
        send.value().set(None);
        send.dispatch(normalize_email(&raw).unwrap_or(raw));
    });

    view! { <ForgotPasswordView fields pending form_error sent on_submit /> }
}

/// The form's one field.
#[derive(Debug, Clone, Copy)]
pub struct ForgotPasswordFields {
    pub email: TextField,
    /// Whether the form was submitted at least once.
    pub submitted: RwSignal<bool>,
}

impl ForgotPasswordFields {
    /// An empty field, with the form's check.
    pub fn new() -> Self {
        Self {
            email: TextField::new("email", forms::email_error),
            submitted: RwSignal::new(false),
        }
    }
}

impl Default for ForgotPasswordFields {
    fn default() -> Self {
        Self::new()
    }
}

/// The page as it shows: the form, or the server's answer once a link was
/// asked for.
#[component]
pub fn ForgotPasswordView(
    fields: ForgotPasswordFields,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    /// The server's answer to the request, once it came.
    #[prop(into)]
    sent: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    let ForgotPasswordFields { email, submitted } = fields;
    view! {
        <section class="auth-page" aria-labelledby="forgot-title">
            <h1 id="forgot-title">"Reset your password"</h1>
            <div role="status">
                {move || {
                    sent.get()
                        .map(|message| {
                            view! {
                                <div class="alert alert--info">
                                    <p class="alert__title">"Check your inbox"</p>
                                    <p>{message}</p>
                                </div>
                            }
                        })
                }}
            </div>
            <Show when=move || sent.with(Option::is_none)>
                <p class="lead">
                    "Enter the email address of your account. We will email you a link to choose a new password."
                </p>
                <form class="form card" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                    <FormField
                        id=EMAIL_ID
                        label="Email"
                        field=email
                        submitted=submitted
                        input_type="email"
                        autocomplete="email"
                    />
                    <FormAlert message=form_error />
                    <div class="form-actions">
                        <SubmitButton pending=pending label="Email me a link" busy_label="Sending…" />
                    </div>
                </form>
            </Show>
            <p class="auth-page__switch">
                "Remembered it? "
                <A href=routes::LOGIN>"Sign in"</A>
            </p>
        </section>
    }
}
