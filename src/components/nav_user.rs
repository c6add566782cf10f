//! The account part of the main navigation: "Sign in" and "Create account"
//! when signed out; the user's name, "Account" and "Sign out" when signed
//! in.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::auth::{requests, use_auth};
use crate::routes;

#[component]
pub fn NavUser() -> impl IntoView {
    let auth = use_auth();
    let signed_in = Memo::new(move |_| auth.signed_in());
    move || match signed_in.get() {
        None => ().into_any(),
        Some(false) => view! {
            <ul class="nav-links" role="list">
                <li>
                    <A href=routes::LOGIN attr:class="nav-link">
                        "Sign in"
                    </A>
                </li>
                <li>
                    <A href=routes::REGISTER attr:class="nav-link">
                        "Create account"
                    </A>
                </li>
            </ul>
        }
        .into_any(),
        Some(true) => view! { <SignedInUser /> }.into_any(),
    }
}

/// The user's name, the link to their account page, and the sign-out
/// button.
#[component]
fn SignedInUser() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let sign_out = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let result = requests::logout().await;
            match &result {
                Err(error) if !error.is_unauthorized() => {
                    log::warn!("sign-out failed: {error}");
                }
                _ => {
                    auth.signed_out_by_choice();
                    navigate(routes::LOGIN, NavigateOptions::default());
                }
            }
            result
        }
    });
    let pending = sign_out.pending();
    let failed = move || {
        sign_out
            .value()
            .with(|v| matches!(v, Some(Err(e)) if !e.is_unauthorized()))
    };
    let name = move || auth.user().map(|u| u.full_name).unwrap_or_default();

    view! {
        <ul class="nav-links nav-user" role="list">
            <li class="nav-user__name" title=name>
                <span class="visually-hidden">"Signed in as "</span>
                {name}
            </li>
            <li>
                <A href=routes::ACCOUNT attr:class="nav-link">
                    "Account"
                </A>
            </li>
            <li>
                <button
                    type="button"
                    class="btn btn--secondary btn--small"
                    class:is-busy=move || pending.get()
                    disabled=move || pending.get()
                    on:click=move |_| {
                        sign_out.dispatch(());
                    }
                >
                    {move || if pending.get() { "Signing out…" } else { "Sign out" }}
                </button>
            </li>
            <Show when=failed>
                <li class="nav-user__error" role="alert">
                    "Could not sign out. Try again."
                </li>
            </Show>
        </ul>
    }
}
