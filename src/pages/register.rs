//! `/register`: create an account as a client or a professional. The
//! server signs the new account in and emails the first verification link;
//! the app then goes to the verify page.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::auth::{RegisterRequest, Role};
use tandem_api::validation::{normalize_email, normalize_full_name};

use crate::auth::{requests, use_auth, GuestOnly};
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::components::layout::set_page_title;
use crate::{forms, routes};

const NAME_ID: &str = "register-name";
const EMAIL_ID: &str = "register-email";
const PASSWORD_ID: &str = "register-password";
/// The page's heading and lead, also in index.html's first screen.
pub(crate) const TITLE: &str = "Create your account";
pub(crate) const LEAD: &str = "Book sessions with professionals, or offer your own.";

#[component]
pub fn RegisterPage() -> impl IntoView {
    set_page_title(Some("Create account"));
    let auth = use_auth();

    let fields = RegisterFields::new();
    let RegisterFields {
        full_name,
        email,
        password,
        role,
        submitted,
    } = fields;
    // Set when this form created the account: the guard then goes on to the
    // verify page rather than home.
    let registered = StoredValue::new(false);

    let register = Action::new_local(move |request: &RegisterRequest| {
        let request = request.clone();
        async move {
            let result = requests::register(&request).await;
            match &result {
                Ok(user) => {
                    registered.set_value(true);
                    auth.note_verification_sent(user.id, user.email.clone());
                    auth.set_user(Some(user.clone()));
                }
                Err(error) => {
                    for field in [full_name, email, password] {
                        let message = error.field_error(field.name).map(str::to_owned);
                        field.server_error.set(message);
                    }
                }
            }
            result
        }
    });
    let pending = register.pending();
    let form_error = Signal::derive(move || {
        register.value().with(|value| match value {
            Some(Err(error)) => {
                forms::form_error(error, &[full_name.name, email.name, password.name])
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
        let first_invalid = [
            (full_name, NAME_ID),
            (email, EMAIL_ID),
            (password, PASSWORD_ID),
        ]
        .into_iter()
        .find(|(field, _)| field.own_error_untracked().is_some());
        if let Some((_, id)) = first_invalid {
            focus_by_id(id);
            return;
        }
        let raw_name = full_name.value.get_untracked();
        let raw_email = email.value.get_untracked();
        let request = RegisterRequest {
            email: normalize_email(&raw_email).unwrap_or(raw_email),
            password: password.value.get_untracked(),
            full_name: normalize_full_name(&raw_name).unwrap_or(raw_name),
            role: role.get_untracked(),
        };
        register.value().set(None);
        register.dispatch(request);
    });

    let redirect_to = move |_| {
        if registered.get_value() {
            routes::VERIFY.to_owned()
        } else {
            routes::HOME.to_owned()
        }
    };

    view! {
        <GuestOnly redirect_to=redirect_to>
            <RegisterView fields pending form_error on_submit />
        </GuestOnly>
    }
}

/// The registration form's fields.
#[derive(Debug, Clone, Copy)]
pub struct RegisterFields {
    pub full_name: TextField,
    pub email: TextField,
    pub password: TextField,
    pub role: RwSignal<Role>,
    /// Whether the form was submitted at least once.
    pub submitted: RwSignal<bool>,
}

impl RegisterFields {
    /// Empty fields, with the registration form's checks; "Client" chosen.
    pub fn new() -> Self {
        Self {
            full_name: TextField::new("full_name", forms::full_name_error),
            email: TextField::new("email", forms::email_error),
            password: TextField::new("password", forms::new_password_error),
            role: RwSignal::new(Role::Client),
            submitted: RwSignal::new(false),
        }
    }
}

impl Default for RegisterFields {
    fn default() -> Self {
        Self::new()
    }
}

/// The registration page as it shows: the form with its fields, whether it
/// is sending, and why the last attempt failed.
#[component]
pub fn RegisterView(
    fields: RegisterFields,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] form_error: Signal<Option<String>>,
    on_submit: Callback<SubmitEvent>,
) -> impl IntoView {
    let RegisterFields {
        full_name,
        email,
        password,
        role,
        submitted,
    } = fields;
    view! {
        <section class="auth-page" aria-labelledby="register-title">
            <h1 id="register-title">{TITLE}</h1>
            <p class="lead">{LEAD}</p>
            <form class="form card" novalidate=true on:submit=move |ev| on_submit.run(ev)>
                <FormField
                    id=NAME_ID
                    label="Full name"
                    field=full_name
                    submitted=submitted
                    autocomplete="name"
                />
                <FormField
                    id=EMAIL_ID
                    label="Email"
                    field=email
                    submitted=submitted
                    input_type="email"
                    autocomplete="email"
                    hint="We will send a link to this address to verify it."
                />
                <FormField
                    id=PASSWORD_ID
                    label="Password"
                    field=password
                    submitted=submitted
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 8 characters, and not easy to guess: a few unrelated words work well."
                />
                <RoleChoice role=role />
                <FormAlert message=form_error />
                <div class="form-actions">
                    <SubmitButton
                        pending=pending
                        label="Create account"
                        busy_label="Creating account…"
                    />
                </div>
            </form>
            <p class="auth-page__switch">
                "Already have an account? "
                <A href=routes::LOGIN>"Sign in"</A>
            </p>
        </section>
    }
}

/// "I am a… Client / Professional", as a radio group.
#[component]
fn RoleChoice(role: RwSignal<Role>) -> impl IntoView {
    let choice = move |value: Role, label: &'static str| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="role"
                    value=value.as_str()
                    prop:checked=move || role.get() == value
                    on:change=move |_| role.set(value)
                />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"I am a…"</legend>
            <div class="cluster">
                {choice(Role::Client, "Client")} {choice(Role::Professional, "Professional")}
            </div>
        </fieldset>
    }
}
