//! `/login`: sign in with email and password, then go on to the page that
//! sent the person here (`?next=`), or home.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use tandem_api::auth::LoginRequest;
use tandem_api::validation::normalize_email;

use crate::auth::{requests, use_auth, GuestOnly};
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::components::layout::set_page_title;
use crate::{forms, routes};

const EMAIL_ID: &str = "login-email";
const PASSWORD_ID: &str = "login-password";
/// The page's heading and lead, also in index.html's first screen.
pub(crate) const TITLE: &str = "Sign in";
pub(crate) const LEAD: &str = "Welcome back. Sign in to book sessions and join your calls.";

#[component]
pub fn LoginPage() -> impl IntoView {
    set_page_title(Some("Sign in"));
    let auth = use_auth();
    let query = use_query_map();
    let next =
        Memo::new(move |_| routes::safe_next(query.with(|q| q.get(routes::NEXT_PARAM)).as_deref()));

    let fields = LoginFields::new();
    let LoginFields {
        email,
        password,
        submitted,
    } = fields;

    let sign_in = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move {
            let result = requests::login(&request).await;
            match &result {
                // The guard below then leaves for `next`.
                Ok(user) => auth.set_user(Some(user.clone())),
                Err(error) => {
                    for field in [email, password] {
                        let message = error.field_error(field.name).map(str::to_owned);
                        field.server_error.set(message);
                    }
                }
            }
            result
        }
    });
    let pending = sign_in.pending();
    let form_error = Signal::derive(move || {
        sign_in.value().with(|value| match value {
            Some(Err(error)) => forms::form_error(error, &[email.name, password.name]),
            _ => None,
        })
    });

    let on_submit = Callback::new(move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        let first_invalid = [(email, EMAIL_ID), (password, PASSWORD_ID)]
            .into_iter()
            .find(|(field, _)| field.own_error_untracked().is_some());
        if let Some((_, id)) = first_invalid {
            focus_by_id(id);
            return;
        }
        let raw_email = email.value.get_untracked();
        let request = LoginRequest {
            email: normalize_email(&raw_email).unwrap_or(raw_email),
            password: password.value.get_untracked(),
        };
        sign_in.value().set(None);
        sign_in.dispatch(request);
    });

    view! {
        <GuestOnly redirect_to=move |_| next.get_untracked()>
            <LoginView fields pending form_error on_submit />
        </GuestOnly>
    }
}

/// The sign-in form's fields.
#[derive(Debug, Clone, Copy)]
pub struct LoginFields {
    pub email: TextField,
    pub password: TextField,
    /// Whether the form was submitted at least once.
    pub submitted: RwSignal<bool>,
}

impl LoginFields {
    /// Empty fields, with the sign-in form's checks.
    pub fn new() -> Self {
        Self {
            email: TextField::new("email", forms::email_error),
            password: TextField::new("password", forms::current_password_error),
            submitted: RwSignal::new(false),
        }
    }
}

impl Default for LoginFields {
    fn default() -> Self {
        Self::new()
    }
}

/// The sign-in page as it shows: the form with its fields, whether it is
/// sending, and why the last attempt failed.
#[component]
pub fn LoginView(
    fields: LoginFields,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    let LoginFields {
        email,
        password,
        submitted,
    } = fields;
    view! {
        <section class="auth-page" aria-labelledby="login-title">
            <h1 id="login-title">{TITLE}</h1>
            <p class="lead">{LEAD}</p>
            <form class="form card" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                <FormField
                    id=EMAIL_ID
                    label="Email"
                    field=email
                    submitted=submitted
                    input_type="email"
                    autocomplete="email"
                />
                <FormField
                    id=PASSWORD_ID
                    label="Password"
                    field=password
                    submitted=submitted
                    input_type="password"
                    autocomplete="current-password"
                />
                <FormAlert message=form_error />
                <div class="form-actions">
                    <SubmitButton pending=pending label="Sign in" busy_label="Signing in…" />
                </div>
                <p class="auth-page__forgot">
                    <A href=routes::FORGOT_PASSWORD>"Forgot your password?"</A>
                </p>
            </form>
            <p class="auth-page__switch">
                "New to Tandem? "
                <A href=routes::REGISTER>"Create an account"</A>
            </p>
        </section>
    }
}
