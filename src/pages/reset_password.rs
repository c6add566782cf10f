//! `/reset-password?token=…`: the emailed link. Choosing a new password
//! signs this browser in and every other browser of the account out.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use tandem_api::auth::User;
use tandem_api::ErrorCode;

use crate::api::ApiError;
use crate::auth::{requests, use_auth};
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::components::layout::set_page_title;
use crate::{forms, routes};

const PASSWORD_ID: &str = "reset-password";

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    set_page_title(Some("Choose a new password"));
    let query = use_query_map();
    let token = Memo::new(move |_| {
        query
            .with(|q| q.get(routes::TOKEN_PARAM))
            .filter(|token| !token.trim().is_empty())
    });

    view! {
        <ResetPasswordLayout>
            {move || match token.get() {
                Some(token) => view! { <NewPasswordForm token=token /> }.into_any(),
                None => view! { <BadLink message=None /> }.into_any(),
            }}
        </ResetPasswordLayout>
    }
}

/// The page's heading, above the form or the message.
#[component]
pub fn ResetPasswordLayout(children: Children) -> impl IntoView {
    view! {
        <section class="auth-page" aria-labelledby="reset-title">
            <h1 id="reset-title">"Choose a new password"</h1>
            {children()}
        </section>
    }
}

#[component]
fn NewPasswordForm(token: String) -> impl IntoView {
    let auth = use_auth();
    let fields = NewPasswordFields::new();
    let NewPasswordFields {
        password,
        submitted,
    } = fields;
    let token = StoredValue::new(token);

    let confirm = Action::new_local(move |new_password: &String| {
        let new_password = new_password.clone();
        async move {
            let result: Result<User, ApiError> =
                requests::confirm_password_reset(&token.get_value(), &new_password).await;
            match &result {
                Ok(user) => auth.set_user(Some(user.clone())),
                Err(error) => password
                    .server_error
                    .set(error.field_error(password.name).map(str::to_owned)),
            }
            result
        }
    });
    let pending = confirm.pending();
    let done = Signal::derive(move || confirm.value().with(|v| matches!(v, Some(Ok(_)))));
    let bad_link = Signal::derive(move || {
        confirm.value().with(|v| match v {
            Some(Err(error)) if error.code() == Some(ErrorCode::InvalidToken) => {
                Some(error.user_message())
            }
            _ => None,
        })
    });
    let form_error = Signal::derive(move || {
        confirm.value().with(|value| match value {
            Some(Err(error)) if error.code() != Some(ErrorCode::InvalidToken) => {
                forms::form_error(error, &[password.name])
            }
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
        confirm.value().set(None);
        confirm.dispatch(password.value.get_untracked());
    });

    view! { <NewPasswordView fields pending done bad_link form_error on_submit /> }
}

/// The form's one field.
#[derive(Debug, Clone, Copy)]
pub struct NewPasswordFields {
    pub password: TextField,
    /// Whether the form was submitted at least once.
    pub submitted: RwSignal<bool>,
}

impl NewPasswordFields {
    /// An empty field, with the new-password check.
    pub fn new() -> Self {
        Self {
            password: TextField::new("password", forms::new_password_error),
            submitted: RwSignal::new(false),
        }
    }
}

impl Default for NewPasswordFields {
    fn default() -> Self {
        Self::new()
    }
}

/// The new-password form as it shows: to fill in, saving, refused, done,
/// or the link refused by the server.
#[component]
pub fn NewPasswordView(
    fields: NewPasswordFields,
    #[prop(into)] pending: Signal<bool>,
    /// The password is changed.
    #[prop(into)]
    done: Signal<bool>,
    /// The server's reason when it refused the link itself.
    #[prop(into)]
    bad_link: Signal<Option<String>>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    let NewPasswordFields {
        password,
        submitted,
    } = fields;
    view! {
        <div role="status">
            <Show when=move || done.get()>
                <div class="alert alert--success">
                    <p class="alert__title">"Your password is changed"</p>
                    <p>"You are signed in here, and signed out on every other device."</p>
                    <div class="alert__actions">
                        <A href=routes::HOME attr:class="btn btn--primary btn--small">
                            "Continue"
                        </A>
                    </div>
                </div>
            </Show>
        </div>
        {move || bad_link.get().map(|message| view! { <BadLink message=Some(message) /> })}
        <Show when=move || !done.get() && bad_link.with(Option::is_none)>
            <form class="form card" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                <FormField
                    id=PASSWORD_ID
                    label="New password"
                    field=password
                    submitted=submitted
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 8 characters, and not easy to guess: a few unrelated words work well."
                />
                <FormAlert message=form_error />
                <div class="form-actions">
                    <SubmitButton
                        pending=pending
                        label="Save new password"
                        busy_label="Saving…"
                    />
                </div>
            </form>
        </Show>
    }
}

/// The link is missing its token, or the server refused it.
#[component]
pub fn BadLink(message: Option<String>) -> impl IntoView {
    let message = message.unwrap_or_else(|| {
        "Open this page with the link from the password reset email.".to_owned()
    });
    view! {
        <div class="alert alert--error" role="alert">
            <p class="alert__title">"This link did not work"</p>
            <p>{message}</p>
            <div class="alert__actions">
                <A href=routes::FORGOT_PASSWORD attr:class="btn btn--primary btn--small">
                    "Ask for a new link"
                </A>
            </div>
        </div>
    }
}
