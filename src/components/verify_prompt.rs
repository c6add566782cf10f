//! Asking an unverified user to verify their email address.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::auth::use_auth;
use crate::routes;

/// What unverified users are told by default.
pub const VERIFY_MESSAGE: &str = "Verify your account to join video calls.";

/// A short message with a **Verify now** button (a link to the verify
/// page). Used in the site-wide banner, and wherever an action such as
/// joining a call needs a verified account.
#[component]
pub fn VerifyPrompt(
    /// What the person cannot do yet.
    #[prop(default = VERIFY_MESSAGE)]
    message: &'static str,
) -> impl IntoView {
    view! {
        <div class="verify-prompt">
            <p class="verify-prompt__text">{message}</p>
            <A href=routes::VERIFY attr:class="btn btn--primary btn--small">
                "Verify now"
            </A>
        </div>
    }
}

/// Shown under the site header on every page while the signed-in user is
/// not verified.
#[component]
pub fn VerifyBanner() -> impl IntoView {
    let auth = use_auth();
    let unverified = Memo::new(move |_| auth.needs_verification());
    move || {
        unverified.get().then(|| {
            view! {
                <div class="verify-banner" role="status" aria-label="Account verification">
                    <div class="container">
                        <VerifyPrompt />
                    </div>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    /// The server writes this banner into the first screen of an
    /// unverified person's page (server/src/first_screen.rs), with the
    /// same words.
    #[test]
    fn the_servers_first_screen_says_the_same() {
        const FIRST_SCREEN: &str = include_str!("../../server/src/first_screen.rs");
        let line = format!(
            "pub const VERIFY_MESSAGE: &str = {:?};",
            super::VERIFY_MESSAGE
        );
        assert!(
            FIRST_SCREEN.contains(&line),
            "the server does not say {line}"
        );
    }
}
