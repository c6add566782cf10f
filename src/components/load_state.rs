//! Data loaded from the API as pages show it: loading, failed (with a way to
//! try again), or there.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::auth::use_auth;

/// An answer of the API that a page shows, loaded again when `key`
/// changes (the chosen day, say), when the person presses Retry, or when
/// the page knows it changed.
///
/// A `401` forgets the signed-in user, so the page's
/// [`RequireUser`](crate::auth::RequireUser) sends them to sign in and back.
pub struct Remote<K: Send + Sync + 'static, T: 'static> {
    key: Signal<K>,
    attempt: RwSignal<u32>,
    source: Source<K, T>,
}

/// Where a [`Remote`]'s answer comes from.
enum Source<K: 'static, T: 'static> {
    /// The API.
    Api(LocalResource<((K, u32), Result<T, ApiError>)>),
    /// A fixed answer, for the gallery (dev builds).
    #[cfg(debug_assertions)]
    Fixed(RwSignal<Option<Result<T, ApiError>>, LocalStorage>),
}

impl<K, T> Clone for Source<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, T> Copy for Source<K, T> {}

impl<K: Send + Sync, T> Clone for Remote<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Send + Sync, T> Copy for Remote<K, T> {}

impl<K, T> Remote<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + 'static,
{
    /// Loads `fetch(key())` now, and again whenever `key()` changes.
    pub fn new<Fut>(
        key: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K) -> Fut + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let auth = use_auth();
        let key = Signal::derive(key);
        let attempt = RwSignal::new(0);
        let answer = LocalResource::new(move || {
            let stamp = (key.get(), attempt.get());
            let request = fetch(stamp.0.clone());
            async move {
                let result = request.await;
                if let Err(error) = &result {
                    auth.forget_if_unauthorized(error);
                }
                (stamp, result)
            }
        });
        Self {
            key,
            attempt,
            source: Source::Api(answer),
        }
    }

    /// An answer that is already known and never loads (`None`: loading
    /// for ever), to show a page in a given state without a server.
    #[cfg(debug_assertions)]
    pub fn fixed(key: K, answer: Option<Result<T, ApiError>>) -> Self {
        Self {
            key: Signal::stored(key),
            attempt: RwSignal::new(0),
            source: Source::Fixed(RwSignal::new_local(answer)),
        }
    }

    /// `None` while loading for the current key (or after [`Self::retry`]),
    /// then the answer. Reactive.
    pub fn state(&self) -> Option<Result<T, ApiError>> {
        let answer = match self.source {
            Source::Api(answer) => answer,
            #[cfg(debug_assertions)]
            Source::Fixed(answer) => return answer.get(),
        };
        let current = (self.key.get(), self.attempt.get());
        answer.with(|answer| match answer {
            Some((stamp, result)) if *stamp == current => Some(result.clone()),
            _ => None,
        })
    }

    /// Loads again, showing the loading state meanwhile (after a failure).
    pub fn retry(&self) {
        self.attempt.update(|n| *n += 1);
    }

    /// Loads again, showing the current answer until the new one arrives
    /// (after the page changed something).
    pub fn refresh(&self) {
        match self.source {
            Source::Api(answer) => answer.refetch(),
            #[cfg(debug_assertions)]
            Source::Fixed(_) => {}
        }
    }
}

/// A line saying that something is loading (`role="status"`).
#[component]
pub fn LoadingLine(text: &'static str) -> impl IntoView {
    view! {
        <p class="muted loading-line" role="status">
            <span class="spinner" aria-hidden="true"></span>
            " "
            {text}
        </p>
    }
}

/// Whether trying the same request again may work: no answer, or the
/// server failing, rather than a refusal.
pub fn may_retry(error: &ApiError) -> bool {
    match error {
        ApiError::Server { status, .. } => *status >= 500 || *status == 429,
        ApiError::Network(_) | ApiError::Decode(_) => true,
        #[cfg(debug_assertions)]
        ApiError::NoApiServer(_) => true,
        ApiError::Request(_) => false,
    }
}

/// Why something could not be loaded, with a Retry button when trying again
/// may help. Shows nothing for a `401`: the page is on its way to sign-in.
#[component]
pub fn LoadError(
    error: ApiError,
    /// What could not be loaded: "Could not load {what}".
    what: &'static str,
    retry: Callback<()>,
) -> impl IntoView {
    if error.is_unauthorized() {
        return ().into_any();
    }
    let retryable = may_retry(&error);
    view! {
        <div class="alert alert--error" role="alert">
            <p class="alert__title">{format!("Could not load {what}")}</p>
            <p>{error.user_message()}</p>
            {retryable
                .then(|| {
                    view! {
                        <div class="alert__actions">
                            <button
                                type="button"
                                class="btn btn--secondary btn--small"
                                on:click=move |_| retry.run(())
                            >
                                "Retry"
                            </button>
                        </div>
                    }
                })}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::{ErrorBody, ErrorCode};

    fn server(status: u16, code: ErrorCode) -> ApiError {
        ApiError::Server {
            status,
            body: ErrorBody::new(code, "x"),
        }
    }

    #[test]
    fn failures_to_answer_can_be_retried_refusals_cannot() {
        assert!(may_retry(&ApiError::Network("Failed to fetch".into())));
        assert!(may_retry(&server(503, ErrorCode::ServiceUnavailable)));
        assert!(may_retry(&server(500, ErrorCode::Internal)));
        assert!(may_retry(&server(429, ErrorCode::RateLimited)));
        assert!(!may_retry(&server(404, ErrorCode::NotFound)));
        assert!(!may_retry(&server(403, ErrorCode::Forbidden)));
        assert!(!may_retry(&server(422, ErrorCode::ValidationFailed)));
    }
}

/// The outcome notices above a list: a success message in a live status
/// region, and a warning when the list was out of date (both cleared by
/// setting them to `None`).
#[component]
pub fn ListNotices(
    status: RwSignal<Option<String>>,
    stale: RwSignal<Option<String>>,
    /// Extra class for the status region.
    #[prop(optional)]
    status_class: &'static str,
) -> impl IntoView {
    view! {
        <div role="status" class=status_class>
            {move || {
                status
                    .get()
                    .map(|message| {
                        view! {
                            <div class="alert alert--success">
                                <p>{message}</p>
                            </div>
                        }
                    })
            }}
        </div>
        {move || {
            stale
                .get()
                .map(|message| {
                    view! {
                        <div class="alert alert--warning" role="alert">
                            <p>{message}</p>
                        </div>
                    }
                })
        }}
    }
}
