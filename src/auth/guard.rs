//! Pages for signed-in people only, and pages for signed-out people only.
//!
//! These do what leptos_router's `ProtectedRoute` does (a condition that is
//! `None` while loading, a redirect when it is `Some(false)`), with two
//! differences the app needs: the redirect replaces the history entry, so
//! that "Back" does not bounce between the page and the sign-in form; and
//! the page decides where the redirect goes at the moment it happens (the
//! address to come back to, or where a finished form leads).

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::NavigateOptions;

use super::use_auth;
use crate::routes;

/// Shows `children` to signed-in people; sends everyone else to the
/// sign-in page, which brings them back here afterwards.
#[component]
pub fn RequireUser(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let location = use_location();
    let signed_in = Memo::new(move |_| auth.signed_in());
    move || match signed_in.get() {
        None => view! { <Loading /> }.into_any(),
        Some(true) => children().into_any(),
        Some(false) => {
            let path = if auth.was_signed_out_by_choice() {
                routes::LOGIN.to_owned()
            } else {
                let here = routes::path_and_query(
                    &location.pathname.get_untracked(),
                    &location.search.get_untracked(),
                );
                routes::login_then(&here)
            };
            view! { <Redirect path=path options=replace() /> }.into_any()
        }
    }
}

/// Shows `children` to signed-out people; sends signed-in people to the
/// address `redirect_to` gives at that moment (for the sign-in form, the
/// page to come back to).
#[component]
pub fn GuestOnly(
    #[prop(into)] redirect_to: Callback<(), String>,
    children: ChildrenFn,
) -> impl IntoView {
    let auth = use_auth();
    let signed_in = Memo::new(move |_| auth.signed_in());
    move || match signed_in.get() {
        None => view! { <Loading /> }.into_any(),
        Some(false) => children().into_any(),
        Some(true) => {
            let path = redirect_to.run(());
            view! { <Redirect path=path options=replace() /> }.into_any()
        }
    }
}

/// Shown while the app is still finding out who is signed in.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="muted" role="status">
            <span class="spinner" aria-hidden="true"></span>
            " Loading…"
        </p>
    }
}

fn replace() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    }
}
