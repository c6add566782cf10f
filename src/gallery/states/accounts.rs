//! Sign-in and registration, empty and with each kind of error.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::auth::Role;

use crate::api::ApiError;
use crate::forms;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::login::{LoginFields, LoginView};
use crate::pages::register::{RegisterFields, RegisterView};

const PAGE: &str = "accounts";
const TITLE: &str = "Sign-in and registration";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("sign-in", "Sign in", || sign_in(|_| {}, None, false)),
        state("sign-in-field-errors", "Sign in, fields to fix", || {
            sign_in(
                |f| {
                    f.email.value.set("ada@".into());
                    f.submitted.set(true);
                },
                None,
                false,
            )
        }),
        state("sign-in-wrong-password", "Sign in, wrong password", || {
            sign_in(filled_in, Some(fixtures::wrong_password()), false)
        }),
        state("sign-in-rate-limited", "Sign in, too many attempts", || {
            sign_in(filled_in, Some(fixtures::rate_limited(14 * 60)), false)
        }),
        state("sign-in-busy", "Sign in, signing in", || {
            sign_in(filled_in, None, true)
        }),
        state("sign-in-no-api-server", "Sign in, no API server", || {
            sign_in(filled_in, Some(fixtures::no_api_server()), false)
        }),
        state("register", "Create account", || register(|_| {}, None)),
        state(
            "register-field-errors",
            "Create account, fields to fix",
            || {
                register(
                    |f| {
                        f.email.value.set("ada.example.com".into());
                        f.password.value.set("short".into());
                        f.submitted.set(true);
                    },
                    None,
                )
            },
        ),
        state(
            "register-email-taken",
            "Create account, email taken",
            || {
                register(
                    |f| {
                        f.full_name.value.set("Ada Lovelace".into());
                        f.email.value.set("ada@example.com".into());
                        f.password.value.set("a long password".into());
                        f.role.set(Role::Professional);
                    },
                    Some(fixtures::email_taken()),
                )
            },
        ),
        state(
            "register-refused-field",
            "Create account, address refused by the server",
            || {
                register(
                    |f| {
                        f.full_name.value.set("Ada Lovelace".into());
                        f.email.value.set("ada@example.invalid".into());
                        f.password.value.set("a long password".into());
                    },
                    Some(fixtures::field_refused(
                        "email",
                        "This address cannot receive email.",
                    )),
                )
            },
        ),
    ]
}

fn filled_in(fields: &LoginFields) {
    fields.email.value.set("ada@example.com".into());
    fields.password.value.set("not the password".into());
}

/// Forms do nothing in the gallery.
pub(super) fn no_submit() -> Callback<SubmitEvent> {
    Callback::new(|ev: SubmitEvent| ev.prevent_default())
}

/// The server's per-field messages go next to their fields, the rest above
/// the button, as the pages do it.
pub(super) fn form_error(
    error: Option<ApiError>,
    fields: &[crate::components::form_field::TextField],
) -> Option<String> {
    let error = error?;
    for field in fields {
        field
            .server_error
            .set(error.field_error(field.name).map(str::to_owned));
    }
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    forms::form_error(&error, &names)
}

fn sign_in(fill: fn(&LoginFields), error: Option<ApiError>, pending: bool) -> AnyView {
    show_as(None);
    let fields = LoginFields::new();
    fill(&fields);
    let form_error = form_error(error, &[fields.email, fields.password]);
    view! {
        <LoginView
            fields
            pending=Signal::stored(pending)
            form_error=Signal::stored(form_error)
            on_submit=no_submit()
        />
    }
    .into_any()
}

fn register(fill: fn(&RegisterFields), error: Option<ApiError>) -> AnyView {
    show_as(None);
    let fields = RegisterFields::new();
    fill(&fields);
    let form_error = form_error(error, &[fields.full_name, fields.email, fields.password]);
    view! {
        <RegisterView
            fields
            pending=Signal::stored(false)
            form_error=Signal::stored(form_error)
            on_submit=no_submit()
        />
    }
    .into_any()
}
