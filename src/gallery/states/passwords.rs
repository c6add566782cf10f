//! Forgetting a password: asking for the link (to fix, sending, sent,
//! refused) and choosing the new password with it (too short, easy to
//! guess, saving, changed, the link refused or cut short).

use leptos::prelude::*;
use tandem_api::account::PasswordResetRequested;

use super::accounts::{form_error, no_submit};
use crate::api::ApiError;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::forgot_password::{ForgotPasswordFields, ForgotPasswordView};
use crate::pages::reset_password::{
    BadLink, NewPasswordFields, NewPasswordView, ResetPasswordLayout,
};

pub fn states() -> Vec<GalleryState> {
    [forgot_states(), reset_states()].concat()
}

fn forgot_states() -> Vec<GalleryState> {
    let state = GalleryState::of_page("forgot-password", "Forgot password");
    vec![
        state("empty", "Asking for a link", || {
            forgot("", false, Ok(false), false)
        }),
        state("address-to-fix", "An address to fix", || {
            forgot("ada@", true, Ok(false), false)
        }),
        state("sending", "Sending", || {
            forgot("ada@example.com", true, Ok(false), true)
        }),
        state("sent", "Link sent", || {
            forgot("ada@example.com", true, Ok(true), false)
        }),
        state("too-many", "Too many requests", || {
            let refused = fixtures::rate_limited(15 * 60);
            forgot("ada@example.com", true, Err(refused), false)
        }),
        state("unreachable", "The server could not be reached", || {
            forgot("ada@example.com", true, Err(fixtures::unreachable()), false)
        }),
    ]
}

/// The form with `typed` in it; `answer` is whether the link was sent, or
/// the refusal of the last attempt.
fn forgot(typed: &str, submitted: bool, answer: Result<bool, ApiError>, pending: bool) -> AnyView {
    show_as(None);
    let fields = ForgotPasswordFields::new();
    fields.email.value.set(typed.to_owned());
    fields.submitted.set(submitted);
    let (sent, refused) = match answer {
        Ok(sent) => (sent.then(|| PasswordResetRequested::new().message), None),
        Err(error) => (None, Some(error)),
    };
    let form_error = form_error(refused, &[fields.email]);
    view! {
        <ForgotPasswordView
            fields
            pending=Signal::stored(pending)
            form_error=Signal::stored(form_error)
            sent=Signal::stored(sent)
            on_submit=no_submit()
        />
    }
    .into_any()
}

/// How the new-password form ends.
enum Outcome {
    /// Not sent yet, or `Some` refusal of the password.
    Open(Option<ApiError>),
    Saving,
    Changed,
    /// The server refused the link itself.
    LinkRefused,
}

fn reset_states() -> Vec<GalleryState> {
    let state = GalleryState::of_page("reset-password", "Reset password");
    vec![
        state("form", "Choosing the new password", || {
            reset("", false, Outcome::Open(None))
        }),
        state("too-short", "Too short", || {
            reset("short", true, Outcome::Open(None))
        }),
        state("too-weak", "Easy to guess", || {
            let refused = fixtures::password_too_weak("password");
            reset("password1", true, Outcome::Open(Some(refused)))
        }),
        state("saving", "Saving", || {
            reset("violet lantern harbour", true, Outcome::Saving)
        }),
        state("changed", "Password changed", || {
            reset("violet lantern harbour", true, Outcome::Changed)
        }),
        state("link-refused", "The link was used or expired", || {
            reset("violet lantern harbour", true, Outcome::LinkRefused)
        }),
        state("no-token", "A link without its token", || {
            show_as(None);
            view! {
                <ResetPasswordLayout>
                    <BadLink message=None />
                </ResetPasswordLayout>
            }
            .into_any()
        }),
    ]
}

fn reset(typed: &str, submitted: bool, outcome: Outcome) -> AnyView {
    // Changing the password signs this browser in.
    let changed = matches!(outcome, Outcome::Changed);
    show_as(changed.then(fixtures::ada));
    let fields = NewPasswordFields::new();
    fields.password.value.set(typed.to_owned());
    fields.submitted.set(submitted);
    let (pending, bad_link, refused) = match outcome {
        Outcome::Open(refused) => (false, None, refused),
        Outcome::Saving => (true, None, None),
        Outcome::Changed => (false, None, None),
        Outcome::LinkRefused => (
            false,
            Some(fixtures::link_refused("password reset").user_message()),
            None,
        ),
    };
    let form_error = form_error(refused, &[fields.password]);
    view! {
        <ResetPasswordLayout>
            <NewPasswordView
                fields
                pending=Signal::stored(pending)
                done=Signal::stored(changed)
                bad_link=Signal::stored(bad_link)
                form_error=Signal::stored(form_error)
                on_submit=no_submit()
            />
        </ResetPasswordLayout>
    }
    .into_any()
}
