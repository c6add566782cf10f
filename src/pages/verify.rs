//! `/verify`: verifying the account's email address.
//!
//! - `/verify?token=…` (the emailed link) confirms the address at once,
//!   signed in or not, and says whether it worked.
//! - `/verify` (signed in only) sends the link, or sends another one.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use tandem_api::ErrorCode;

use crate::api::ApiError;
use crate::auth::{requests, use_auth, RequireUser};
use crate::components::form_field::FormAlert;
use crate::components::layout::set_page_title;
use crate::{forms, routes};

#[component]
pub fn VerifyPage() -> impl IntoView {
    set_page_title(Some("Verify your account"));
    let query = use_query_map();
    let token = Memo::new(move |_| {
        query
            .with(|q| q.get(routes::TOKEN_PARAM))
            .filter(|token| !token.trim().is_empty())
    });

    view! {
        <VerifyLayout>
            {move || match token.get() {
                Some(token) => view! { <ConfirmLink token=token /> }.into_any(),
                None => {
                    view! {
                        <RequireUser>
                            <SendLink />
                        </RequireUser>
                    }
                        .into_any()
                }
            }}
        </VerifyLayout>
    }
}

/// The page's heading, above what the link or the button did.
#[component]
pub fn VerifyLayout(children: Children) -> impl IntoView {
    view! {
        <section class="auth-page" aria-labelledby="verify-title">
            <h1 id="verify-title">"Verify your account"</h1>
            {children()}
        </section>
    }
}

/// Uses the token from the emailed link as soon as the page opens.
#[component]
fn ConfirmLink(token: String) -> impl IntoView {
    let auth = use_auth();
    let confirm = Action::new_local(move |token: &String| {
        let token = token.clone();
        async move {
            let result = requests::confirm_verification(&token).await;
            if let Ok(verified) = &result {
                let same_user = auth.user().is_some_and(|user| user.id == verified.id);
                if same_user {
                    auth.set_user(Some(verified.clone()));
                } else {
                    // Confirming does not sign in: ask who is signed in here.
                    auth.refresh();
                }
            }
            result
        }
    });
    confirm.dispatch(token.clone());
    let outcome = confirm.value();
    let pending = confirm.pending();
    let verified = Signal::derive(move || outcome.with(|o| matches!(o, Some(Ok(_)))));
    let failure = Signal::derive(move || {
        outcome.with(|o| match o {
            Some(Err(error)) if !pending.get() => Some(error.clone()),
            _ => None,
        })
    });
    let retry = Callback::new(move |_| {
        confirm.dispatch(token.clone());
    });
    view! { <ConfirmLinkView pending verified failure retry /> }
}

/// What the emailed link did: confirming, verified, or why it failed.
#[component]
pub fn ConfirmLinkView(
    #[prop(into)] pending: Signal<bool>,
    /// The server confirmed the address.
    #[prop(into)]
    verified: Signal<bool>,
    /// Why the link did not work (once the server answered).
    #[prop(into)]
    failure: Signal<Option<ApiError>>,
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div role="status" class="stack">
            {move || {
                if pending.get() {
                    Some(
                        view! {
                            <p class="muted">
                                <span class="spinner" aria-hidden="true"></span>
                                " Confirming your email address…"
                            </p>
                        }
                            .into_any(),
                    )
                } else if verified.get() {
                    Some(view! { <Verified /> }.into_any())
                } else {
                    None
                }
            }}
        </div>
        {move || failure.get().map(|error| view! { <LinkFailed error retry /> })}
    }
}

/// The account is verified: where to go next.
#[component]
pub fn Verified() -> impl IntoView {
    let auth = use_auth();
    view! {
        <div class="alert alert--success">
            <p class="alert__title">"Your account is verified"</p>
            <p>"You can now book sessions and join calls."</p>
            <div class="alert__actions">
                {move || match auth.signed_in() {
                    Some(false) => {
                        view! {
                            <A href=routes::LOGIN attr:class="btn btn--primary btn--small">
                                "Sign in"
                            </A>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <A href=routes::HOME attr:class="btn btn--primary btn--small">
                                "Continue"
                            </A>
                        }
                            .into_any()
                    }
                }}
            </div>
        </div>
    }
}

/// The link did not work: the server's reason, and a way forward.
#[component]
fn LinkFailed(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let auth = use_auth();
    let already_verified = move || auth.user().is_some_and(|user| user.verified);
    let bad_link = error.code() == Some(ErrorCode::InvalidToken);
    let message = error.user_message();

    view! {
        <div class="alert alert--error" role="alert">
            <p class="alert__title">"This link did not work"</p>
            <p>{message}</p>
            <Show when=already_verified>
                <p>"Your account is already verified, so there is nothing more to do."</p>
            </Show>
            <div class="alert__actions">
                {if bad_link {
                    view! {
                        <A href=routes::VERIFY attr:class="btn btn--primary btn--small">
                            "Get a new link"
                        </A>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="btn btn--primary btn--small"
                            on:click=move |_| retry.run(())
                        >
                            "Try again"
                        </button>
                    }
                        .into_any()
                }}
            </div>
        </div>
    }
}

/// For the signed-in user: send the link, or another one.
#[component]
fn SendLink() -> impl IntoView {
    let auth = use_auth();
    let verified = Memo::new(move |_| auth.user().is_some_and(|user| user.verified));
    move || {
        if verified.get() {
            view! { <Verified /> }.into_any()
        } else {
            view! { <SendLinkForm /> }.into_any()
        }
    }
}

#[component]
fn SendLinkForm() -> impl IntoView {
    let auth = use_auth();
    // A link had been sent before the newest one (at sign-up, or earlier).
    let resent = RwSignal::new(false);
    let send = Action::new_local(move |_: &()| async move {
        let had_link = auth.verification_sent_to().is_some();
        let result = requests::send_verification().await;
        match &result {
            Ok(sent) => {
                if let Some(user) = auth.user() {
                    auth.note_verification_sent(user.id, sent.email.clone());
                }
                resent.set(had_link);
            }
            // Verified meanwhile (in another tab, say).
            Err(error) if error.code() == Some(ErrorCode::Conflict) => auth.refresh(),
            Err(error) if error.is_unauthorized() => auth.set_user(None),
            Err(_) => {}
        }
        result
    });
    let pending = send.pending();
    let sent_to = Memo::new(move |_| auth.verification_sent_to());
    let email = Signal::derive(move || auth.user().map(|user| user.email).unwrap_or_default());
    let error = Signal::derive(move || {
        send.value().with(|value| match value {
            Some(Err(error)) => Some(send_error_message(error)),
            _ => None,
        })
    });
    let on_send = Callback::new(move |_| {
        send.value().set(None);
        send.dispatch(());
    });
    view! { <SendLinkView email sent_to resent pending error on_send /> }
}

/// The send-link button and what it did: where the link goes, that it was
/// sent (again), or why it could not be.
#[component]
pub fn SendLinkView(
    /// The signed-in user's address.
    #[prop(into)]
    email: Signal<String>,
    /// Where the newest link went, when this app sent one.
    #[prop(into)]
    sent_to: Signal<Option<String>>,
    /// The newest link replaced an earlier one.
    #[prop(into)]
    resent: Signal<bool>,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    on_send: Callback<()>,
) -> impl IntoView {
    let label = move || match (pending.get(), sent_to.with(Option::is_some)) {
        (true, _) => "Sending…",
        (false, true) => "Resend link",
        (false, false) => "Send verification link",
    };

    view! {
        <p class="lead">
            "Confirm your email address to book sessions and join video calls. "
            "We email you a link; opening it verifies your account."
        </p>
        <div role="status">
            {move || match sent_to.get() {
                Some(address) => {
                    let lead = if resent.get() {
                        "We sent a new link to "
                    } else {
                        "We sent a link to "
                    };
                    view! {
                        <div class="alert alert--info">
                            <p class="alert__title">"Check your inbox"</p>
                            <p>
                                {lead} <strong class="verify-email">{address}</strong>
                                ". The link works once and expires in 24 hours."
                            </p>
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p>
                            "The link will go to " <strong class="verify-email">{email}</strong>
                            "."
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
        <FormAlert message=error />
        <div class="form-actions">
            <button
                type="button"
                class="btn btn--primary"
                class:is-busy=move || pending.get()
                disabled=move || pending.get()
                on:click=move |_| on_send.run(())
            >
                {label}
            </button>
        </div>
    }
}

/// What to say when a link could not be sent.
pub fn send_error_message(error: &ApiError) -> String {
    match (error.code(), error.retry_after_seconds()) {
        (Some(ErrorCode::RateLimited), Some(seconds)) => format!(
            "You asked for a link very recently. {}",
            forms::try_again_in(seconds)
        ),
        _ => error.user_message(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::ErrorBody;

    #[test]
    fn resending_too_soon_says_when_to_try_again() {
        let mut body = ErrorBody::new(ErrorCode::RateLimited, "Too many requests.");
        body.error.retry_after_seconds = Some(42);
        let error = ApiError::Server { status: 429, body };
        assert_eq!(
            send_error_message(&error),
            "You asked for a link very recently. Try again in 1 minute."
        );
    }

    #[test]
    fn other_failures_use_the_server_message() {
        let body = ErrorBody::new(
            ErrorCode::ServiceUnavailable,
            "We could not send the email, please try again.",
        );
        let error = ApiError::Server { status: 503, body };
        assert_eq!(
            send_error_message(&error),
            "We could not send the email, please try again."
        );
    }
}
