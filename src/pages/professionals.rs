//! `/professionals`: the directory. Search and filters live in the
//! address (`?q=…&specialty=…&language=…`), soonest free first, a page at a
//! time; each card links to the professional's page.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use tandem_api::profiles::{DirectoryPage, DirectoryQuery, ProfessionalProfile};

use crate::auth::{use_auth, RequireUser};
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::profiles::directory_query::{self, describe, is_filtered};
use crate::profiles::requests;

mod card;
mod filters;
use card::ProfessionalCard;
use filters::DirectoryFilters;

/// The page's heading and lead, also in index.html's first screen.
pub(crate) const TITLE: &str = "Professionals";
pub(crate) const LEAD: &str =
    "Find a professional by what they work on or the language they speak, then book a session.";

#[component]
pub fn ProfessionalsPage() -> impl IntoView {
    set_page_title(Some(TITLE));
    view! {
        <section aria-labelledby="professionals-title">
            <RequireUser>
                <DirectoryHeader />
                <Directory />
            </RequireUser>
        </section>
    }
}

/// The page's title and what to do here.
#[component]
pub fn DirectoryHeader() -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1 id="professionals-title">{TITLE}</h1>
                <p class="lead page-header__lead">{LEAD}</p>
            </div>
        </header>
    }
}

/// The directory for the search and filters of the address.
#[component]
fn Directory() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| directory_query::from_params(|k| p.get(k))));
    let navigate = StoredValue::new_local(use_navigate());
    let on_change = Callback::new(move |next: DirectoryQuery| {
        let href = directory_query::page_href(&next);
        navigate.with_value(|navigate| navigate(&href, Default::default()));
    });
    let first = Remote::new(
        move || query.get(),
        |query| async move { requests::directory(&query).await },
    );
    view! { <DirectoryView query=query on_change first /> }
}

/// Pages loaded with "Show more" after the first, for one query.
#[derive(Debug, Clone, PartialEq)]
struct MorePages {
    query: DirectoryQuery,
    items: Vec<ProfessionalProfile>,
    next_cursor: Option<String>,
}

/// The filters, then the directory as it shows: loading, failed, empty
/// (with a way to clear the filters), or the cards with "Show more".
#[component]
pub fn DirectoryView(
    /// The search and filters shown (without a cursor).
    #[prop(into)]
    query: Signal<DirectoryQuery>,
    /// The person changed the search or a filter.
    on_change: Callback<DirectoryQuery>,
    /// The first page for `query`.
    first: Remote<DirectoryQuery, DirectoryPage>,
) -> impl IntoView {
    let auth = use_auth();
    let more = RwSignal::new(None::<MorePages>);
    let more_error = RwSignal::new(None::<String>);
    let load_more = Action::new_local(move |request: &DirectoryQuery| {
        let request = request.clone();
        async move {
            let key = DirectoryQuery {
                cursor: None,
                ..request.clone()
            };
            match requests::directory(&request).await {
                Ok(page) => {
                    more_error.try_set(None);
                    more.try_update(|more| match more {
                        Some(pages) if pages.query == key => {
                            pages.items.extend(page.items);
                            pages.next_cursor = page.next_cursor;
                        }
                        _ => {
                            *more = Some(MorePages {
                                query: key,
                                items: page.items,
                                next_cursor: page.next_cursor,
                            })
                        }
                    });
                }
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) => {
                    more_error.try_set(Some(error.user_message()));
                }
            }
        }
    });
    let loading_more = load_more.pending();
    let clear = Callback::new(move |_| on_change.run(DirectoryQuery::default()));

    let results = move || match first.state() {
        None => view! { <LoadingLine text="Loading professionals…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                error
                what="the professionals"
                retry=Callback::new(move |_| first.retry())
            />
        }
        .into_any(),
        Some(Ok(page)) => {
            let current = query.get();
            if page.items.is_empty() {
                return view! { <NoMatches query=current clear /> }.into_any();
            }
            // The pages after the first, while they belong to this query.
            let later = Memo::new({
                let current = current.clone();
                move |_| more.with(|m| m.as_ref().filter(|m| m.query == current).cloned())
            });
            let first_cursor = page.next_cursor;
            let next_cursor = Memo::new(move |_| match later.get() {
                Some(pages) => pages.next_cursor,
                None => first_cursor.clone(),
            });
            let show_more = move |_| {
                if let Some(cursor) = next_cursor.get_untracked() {
                    load_more.dispatch(DirectoryQuery {
                        cursor: Some(cursor),
                        ..query.get_untracked()
                    });
                }
            };
            view! {
                <ul class="grid grid--cards directory" role="list" aria-label="Professionals found">
                    {page
                        .items
                        .into_iter()
                        .map(|professional| view! { <ProfessionalCard professional /> })
                        .collect_view()}
                    {move || {
                        later
                            .get()
                            .map(|pages| {
                                pages
                                    .items
                                    .into_iter()
                                    .map(|professional| view! { <ProfessionalCard professional /> })
                                    .collect_view()
                            })
                    }}
                </ul>
                // The button stays while there is more, so it keeps the focus.
                <Show when=move || next_cursor.with(Option::is_some)>
                    <div class="load-more">
                        <button
                            type="button"
                            class="btn btn--secondary"
                            class:is-busy=move || loading_more.get()
                            disabled=move || loading_more.get()
                            on:click=show_more
                        >
                            {move || if loading_more.get() { "Loading more…" } else { "Show more" }}
                        </button>
                    </div>
                </Show>
                {move || {
                    more_error
                        .get()
                        .map(|message| {
                            view! {
                                <div class="alert alert--error" role="alert">
                                    <p class="alert__title">"Could not load more professionals"</p>
                                    <p>{message} " Press Show more to try again."</p>
                                </div>
                            }
                        })
                }}
            }
            .into_any()
        }
    };

    view! {
        <DirectoryFilters query on_change clear />
        <div class="directory-results">{results}</div>
    }
}

/// Nobody at all, or nobody for these filters (with a way to clear them).
#[component]
fn NoMatches(query: DirectoryQuery, clear: Callback<()>) -> impl IntoView {
    if !is_filtered(&query) {
        return view! {
            <div class="empty-state">
                <h2>"No professionals yet"</h2>
                <p class="muted">
                    "When professionals join Tandem and publish their times, they appear here."
                </p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="empty-state" role="status">
            <h2>{format!("No professional matches {}", describe(&query))}</h2>
            <p class="muted">"Try other words, or another specialty or language."</p>
            <p>
                <button type="button" class="btn btn--secondary" on:click=move |_| clear.run(())>
                    "Clear the search and filters"
                </button>
            </p>
        </div>
    }
    .into_any()
}
