//! The account page's "sign out everywhere": ends every session of the
//! account, this browser's included.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::account::requests;
use crate::auth::use_auth;
use crate::routes;

#[component]
pub fn SignOutEverywhereSection() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let error = RwSignal::new(None::<String>);
    let sign_out = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            match requests::sign_out_everywhere().await {
                Err(e) if !e.is_unauthorized() => {
                    error.try_set(Some(e.user_message()));
                }
                _ => {
                    auth.signed_out_by_choice();
                    navigate(routes::LOGIN, NavigateOptions::default());
                }
            }
        }
    });
    let pending = sign_out.pending();
    let on_sign_out = Callback::new(move |_| {
        error.set(None);
        sign_out.dispatch(());
    });
    view! { <SignOutEverywhereView error pending on_sign_out /> }
}

/// The section as it shows: the button, busy while signing out, and why
/// the last attempt failed.
#[component]
pub fn SignOutEverywhereView(
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] pending: Signal<bool>,
    on_sign_out: Callback<()>,
) -> impl IntoView {
    view! {
        <section class="card stack" aria-labelledby="account-everywhere-title">
            <h2 id="account-everywhere-title" class="section-title">
                "Sign out everywhere"
            </h2>
            <p>
                "Signs this account out on every device and browser, this one included. "
                "Use it if you signed in on a device that is not yours."
            </p>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
            <div class="form-actions">
                <button
                    type="button"
                    class="btn btn--secondary"
                    class:is-busy=move || pending.get()
                    disabled=move || pending.get()
                    on:click=move |_| on_sign_out.run(())
                >
                    {move || if pending.get() { "Signing out…" } else { "Sign out everywhere" }}
                </button>
            </div>
        </section>
    }
}
