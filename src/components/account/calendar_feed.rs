//! The account page's calendar feed section: a secret address that a
//! calendar app subscribes to, listing the person's upcoming sessions.
//! The server keeps it only hashed, so a new address is shown once, when
//! it is made, with a Copy button; it can be replaced or stopped.

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;
use leptos_use_clipboard::{use_clipboard, UseClipboardReturn};
use tandem_api::calendar::CalendarFeedStatus;

use crate::account::requests;
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::booking::time;
use crate::components::load_state::{may_retry, LoadError, LoadingLine, Remote};

const URL_ID: &str = "account-feed-url";

/// What the person did in the section.
#[derive(Debug, Clone, Copy)]
pub struct FeedState {
    /// The address just made, shown this once.
    pub new_url: RwSignal<Option<String>>,
    /// Why the last create, replace or stop failed, and what it was.
    pub failure: RwSignal<Option<(FeedChange, String)>>,
}

impl FeedState {
    pub fn new() -> Self {
        Self {
            new_url: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }
}

impl Default for FeedState {
    fn default() -> Self {
        Self::new()
    }
}

/// A change to the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedChange {
    /// Make a new address (replacing any earlier one).
    Create,
    Stop,
}

/// The section as it shows: loading, failed (with Retry), or the feed's
/// controls.
#[component]
pub fn CalendarFeedView(loaded: Remote<(), CalendarFeedStatus>, state: FeedState) -> impl IntoView {
    view! {
        <section class="card stack" aria-labelledby="account-feed-title">
            <h2 id="account-feed-title" class="section-title">
                "Calendar feed"
            </h2>
            <p>
                "A private link that your calendar app (Google Calendar, Apple Calendar, Outlook) "
                "subscribes to: your upcoming sessions show up there and stay up to date."
            </p>
            {move || match loaded.state() {
                None => view! { <LoadingLine text="Loading your calendar link…" /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <LoadError
                            error
                            what="your calendar link"
                            retry=Callback::new(move |_| loaded.retry())
                        />
                    }
                        .into_any()
                }
                Some(Ok(status)) => view! { <FeedControls status state /> }.into_any(),
            }}
        </section>
    }
}

/// The address (once), and the buttons to make, replace or stop it.
#[component]
fn FeedControls(status: CalendarFeedStatus, state: FeedState) -> impl IntoView {
    let auth = use_auth();
    let FeedState { new_url, failure } = state;
    let since = RwSignal::new(status.created_at);
    let change = Action::new_local(move |what: &FeedChange| {
        let what = *what;
        async move {
            let result = match what {
                FeedChange::Create => requests::create_calendar_feed().await.map(|created| {
                    since.try_set(Some(created.created_at));
                    new_url.try_set(Some(created.url));
                }),
                FeedChange::Stop => requests::stop_calendar_feed().await.map(|()| {
                    since.try_set(None);
                    new_url.try_set(None);
                }),
            };
            match result {
                Ok(()) => {}
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) => {
                    failure.try_set(Some((what, failure_message(what, &error))));
                }
            }
        }
    });
    let pending = change.pending();
    let run = move |what: FeedChange| {
        if pending.get_untracked() {
            return;
        }
        failure.set(None);
        change.dispatch(what);
    };

    view! {
        {move || match (since.get(), new_url.get()) {
            (_, Some(url)) => view! { <ShownOnce url /> }.into_any(),
            (Some(made), None) => view! { <p class="muted">{made_note(made)}</p> }.into_any(),
            (None, None) => view! { <p class="muted">"You have no calendar link."</p> }.into_any(),
        }}
        {move || {
            failure
                .get()
                .map(|(what, message)| {
                    view! {
                        <div class="alert alert--error" role="alert">
                            <p>{message}</p>
                            <div class="alert__actions">
                                <button
                                    type="button"
                                    class="btn btn--secondary btn--small"
                                    on:click=move |_| run(what)
                                >
                                    "Try again"
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        <div class="form-actions">
            {move || {
                let busy = move |what: FeedChange| {
                    pending.get() && change.input().with(|input| *input == Some(what))
                };
                if since.with(Option::is_none) {
                    view! {
                        <button
                            type="button"
                            class="btn btn--primary"
                            class:is-busy=move || busy(FeedChange::Create)
                            disabled=move || pending.get()
                            on:click=move |_| run(FeedChange::Create)
                        >
                            {move || {
                                if busy(FeedChange::Create) { "Creating…" } else { "Create a calendar link" }
                            }}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="btn btn--secondary"
                            class:is-busy=move || busy(FeedChange::Create)
                            disabled=move || pending.get()
                            on:click=move |_| run(FeedChange::Create)
                        >
                            {move || if busy(FeedChange::Create) { "Replacing…" } else { "Replace link" }}
                        </button>
                        <button
                            type="button"
                            class="btn btn--danger"
                            class:is-busy=move || busy(FeedChange::Stop)
                            disabled=move || pending.get()
                            on:click=move |_| run(FeedChange::Stop)
                        >
                            {move || if busy(FeedChange::Stop) { "Stopping…" } else { "Stop the link" }}
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
        <p class="muted small">
            "Replacing or stopping the link makes the old one stop working at once."
        </p>
    }
}

/// A new address in a read-only box with a Copy button, and the note that
/// it is shown only now.
#[component]
fn ShownOnce(url: String) -> impl IntoView {
    let UseClipboardReturn {
        is_supported,
        copied,
        copy,
        ..
    } = use_clipboard();
    let copy_url = url.clone();
    view! {
        <div class="field feed-link">
            <label class="field__label" for=URL_ID>
                "Your calendar link"
            </label>
            <div class="feed-link__row">
                <input
                    id=URL_ID
                    class="input"
                    type="text"
                    readonly=true
                    aria-describedby="account-feed-once"
                    prop:value=url
                    on:focus:target=move |ev| ev.target().select()
                />
                <Show when=move || is_supported.get()>
                    <button
                        type="button"
                        class="btn btn--secondary"
                        on:click={
                            let copy = copy.clone();
                            let copy_url = copy_url.clone();
                            move |_| copy(&copy_url)
                        }
                    >
                        {move || if copied.get() { "Copied" } else { "Copy" }}
                    </button>
                </Show>
            </div>
            <p id="account-feed-once" class="field__hint">
                "Copy it now and paste it into your calendar app: it is shown only this once. "
                "Anyone who has it can see your sessions."
            </p>
            <p role="status" class="form-status">
                {move || copied.get().then_some("The link is copied.")}
            </p>
        </div>
    }
}

/// "Your calendar link was made on Monday 23 November."
fn made_note(made: DateTime<Utc>) -> String {
    let day = time::long_date(time::local_date(&Local, made));
    format!(
        "Your calendar link was made on {day}. Its address was shown once, when it was made: \
         replace the link to get a new address."
    )
}

/// What a failed change says.
fn failure_message(what: FeedChange, error: &ApiError) -> String {
    let doing = match what {
        FeedChange::Create => "make a calendar link",
        FeedChange::Stop => "stop the calendar link",
    };
    if may_retry(error) {
        format!("Could not {doing}. {}", error.user_message())
    } else {
        error.user_message()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::{ErrorBody, ErrorCode};

    #[test]
    fn a_failed_change_says_what_failed_and_why() {
        let offline = ApiError::Network("Failed to fetch".into());
        let message = failure_message(FeedChange::Create, &offline);
        assert!(
            message.starts_with("Could not make a calendar link. "),
            "{message}"
        );
        assert!(message.contains("could not reach"), "{message}");
        let refused = ApiError::Server {
            status: 403,
            body: ErrorBody::new(ErrorCode::Forbidden, "Verify your account first."),
        };
        assert_eq!(
            failure_message(FeedChange::Stop, &refused),
            "Verify your account first."
        );
    }
}
