//! `/sessions`: the signed-in user's sessions, upcoming then past, for
//! clients and professionals alike. Upcoming ones carry the call button
//! (verified users only), "Add to calendar", and ways to move or cancel
//! them.

use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_use_document_visibility::use_document_visibility;
use leptos_use_interval_fn::use_interval_fn;
use tandem_api::auth::{Role, User};
use tandem_api::bookings::{Booking, BookingScope, BookingStatus};
use web_sys::VisibilityState;

use crate::api::ApiError;
use crate::auth::{use_auth, RequireUser};
use crate::booking::{requests, time};
use crate::components::layout::set_page_title;
use crate::components::load_state::{ListNotices, LoadError, LoadingLine};
use crate::components::session_card::SessionCard;
use crate::components::time_zone::{TimesIn, ViewerZone};
use crate::routes;

/// How often the call buttons look at the clock again.
const CLOCK_TICK_MS: u64 = 30_000;

#[component]
pub fn SessionsPage() -> impl IntoView {
    set_page_title(Some("Sessions"));
    view! {
        <section aria-labelledby="sessions-title">
            <RequireUser>
                <Sessions />
            </RequireUser>
        </section>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let auth = use_auth();
    let Some(me) = untrack(|| auth.user()) else {
        return ().into_any();
    };
    let now = RwSignal::new(Utc::now());
    use_interval_fn(move || now.set(Utc::now()), CLOCK_TICK_MS);
    // Timers slow down in hidden tabs: look again when the tab comes back.
    let visibility = use_document_visibility();
    Effect::new(move |_| {
        if visibility.get() == VisibilityState::Visible {
            now.set(Utc::now());
        }
    });
    let today = Local::now().date_naive();
    let upcoming = SessionSource::load(BookingScope::Upcoming);
    let past = SessionSource::load(BookingScope::Past);
    view! { <SessionsView me now today upcoming past /> }.into_any()
}

/// Both lists, with the page's title.
#[component]
pub fn SessionsView(
    /// The signed-in user.
    me: User,
    /// The current time, updated by the page.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    /// The viewer's local date.
    today: NaiveDate,
    upcoming: SessionSource,
    past: SessionSource,
) -> impl IntoView {
    let zone = ViewerZone::current();
    let zone_label = zone.label.clone();
    // Both lists appear together once both have answered, so that the first
    // to answer does not push the other one down the screen. Once shown,
    // they stay (a list loading again shows its own loading line).
    let both_answered = Memo::new(move |shown: Option<&bool>| {
        shown.copied().unwrap_or(false)
            || (upcoming.state.with(|s| *s != ListState::Loading)
                && past.state.with(|s| *s != ListState::Loading))
    });
    view! {
        <header class="page-header">
            <h1 id="sessions-title">"Sessions"</h1>
            <TimesIn zone />
        </header>
        <div class="stack stack--loose">
            <Show
                when=move || both_answered.get()
                fallback=|| view! { <LoadingLine text="Loading sessions…" /> }
            >
                <SessionList
                    scope=BookingScope::Upcoming
                    me=me.clone()
                    now
                    zone_label=zone_label.clone()
                    today
                    source=upcoming
                />
                <SessionList
                    scope=BookingScope::Past
                    me=me.clone()
                    now
                    zone_label=zone_label.clone()
                    today
                    source=past
                />
            </Show>
        </div>
    }
}

/// Where a list stands.
#[derive(Debug, Clone, PartialEq)]
pub enum ListState {
    Loading,
    Ready,
    Failed(ApiError),
}

/// One list's sessions as loaded so far, and how to load (more of) them.
#[derive(Debug, Clone, Copy)]
pub struct SessionSource {
    pub items: RwSignal<Vec<Booking>>,
    pub next_cursor: RwSignal<Option<String>>,
    pub state: RwSignal<ListState>,
    /// Why the last "Load more" failed.
    pub more_error: RwSignal<Option<ApiError>>,
    /// Loads the page after a cursor, or the first page again (`None`).
    pub load: Callback<Option<String>>,
    pub loading_more: Signal<bool>,
}

impl SessionSource {
    /// Sessions already known, in `state`; loading does nothing.
    pub fn fixed(items: Vec<Booking>, state: ListState) -> Self {
        Self {
            items: RwSignal::new(items),
            next_cursor: RwSignal::new(None),
            state: RwSignal::new(state),
            more_error: RwSignal::new(None),
            load: Callback::new(|_| {}),
            loading_more: Signal::stored(false),
        }
    }

    /// The signed-in user's sessions of `scope`, from the API, starting
    /// with the first page now.
    fn load(scope: BookingScope) -> Self {
        let auth = use_auth();
        let source = Self::fixed(Vec::new(), ListState::Loading);
        let Self {
            items,
            next_cursor,
            state,
            more_error,
            ..
        } = source;
        // Loading the first page again makes the answers to older requests moot.
        let generation = StoredValue::new(0_u64);
        let load = Action::new_local(move |cursor: &Option<String>| {
            let cursor = cursor.clone();
            let first_page = cursor.is_none();
            if first_page {
                generation.update_value(|g| *g += 1);
            }
            let asked_in = generation.get_value();
            async move {
                let answer = requests::bookings(scope, cursor.as_deref()).await;
                if generation.try_get_value() != Some(asked_in) {
                    return;
                }
                match answer {
                    Ok(page) => {
                        if first_page {
                            items.try_set(page.items);
                        } else {
                            items.try_update(|list| list.extend(page.items));
                        }
                        next_cursor.try_set(page.next_cursor);
                        more_error.try_set(None);
                        state.try_set(ListState::Ready);
                    }
                    Err(error) => {
                        auth.forget_if_unauthorized(&error);
                        if first_page {
                            state.try_set(ListState::Failed(error));
                        } else {
                            more_error.try_set(Some(error));
                        }
                    }
                }
            }
        });
        load.dispatch(None);
        Self {
            load: Callback::new(move |cursor| {
                load.dispatch(cursor);
            }),
            loading_more: load.pending().into(),
            ..source
        }
    }
}

/// One of the two lists, a page at a time ("Load more").
#[component]
fn SessionList(
    scope: BookingScope,
    me: User,
    #[prop(into)] now: Signal<DateTime<Utc>>,
    zone_label: String,
    today: NaiveDate,
    source: SessionSource,
) -> impl IntoView {
    let SessionSource {
        items,
        next_cursor,
        state,
        more_error,
        load,
        loading_more,
    } = source;
    // What just happened to a session of this list.
    let status = RwSignal::new(None::<String>);
    let stale = RwSignal::new(None::<String>);

    let viewer = me.clone();
    let on_changed = Callback::new(move |changed: Booking| {
        let message = changed_message(&changed, &viewer, today);
        items.update(|list| {
            if let Some(booking) = list.iter_mut().find(|b| b.id == changed.id) {
                *booking = changed;
            }
            list.sort_by_key(|b| match scope {
                BookingScope::Upcoming => b.start_time.timestamp(),
                BookingScope::Past => -b.start_time.timestamp(),
            });
        });
        stale.set(None);
        status.set(Some(message));
    });
    let on_stale = Callback::new(move |message: String| {
        status.set(None);
        stale.set(Some(message));
        load.run(None);
    });

    let (title, title_id) = match scope {
        BookingScope::Upcoming => ("Upcoming", "upcoming-title"),
        BookingScope::Past => ("Past", "past-title"),
    };
    let role = me.role;

    view! {
        <section class="sessions-section" aria-labelledby=title_id>
            <h2 id=title_id class="section-title">
                {title}
            </h2>
            <ListNotices status stale status_class="sessions-section__status" />
            {move || match state.get() {
                ListState::Loading => {
                    view! { <LoadingLine text="Loading sessions…" /> }.into_any()
                }
                ListState::Failed(error) => {
                    view! {
                        <LoadError
                            error
                            what="your sessions"
                            retry=Callback::new(move |_| {
                                state.set(ListState::Loading);
                                load.run(None);
                            })
                        />
                    }
                        .into_any()
                }
                ListState::Ready if items.with(Vec::is_empty) => {
                    view! { <NoSessions scope role /> }.into_any()
                }
                ListState::Ready => {
                    let me = me.clone();
                    let zone_label = zone_label.clone();
                    view! {
                        <ul class="card-list" role="list">
                            <For
                                each=move || items.get()
                                key=|booking| (booking.id, booking.status, booking.revision)
                                children=move |booking| {
                                    view! {
                                        <SessionCard
                                            booking
                                            me=me.clone()
                                            now
                                            zone_label=zone_label.clone()
                                            today
                                            on_changed
                                            on_stale
                                        />
                                    }
                                }
                            />
                        </ul>
                    }
                        .into_any()
                }
            }}
            {move || {
                more_error
                    .get()
                    .map(|error| {
                        view! {
                            <div class="alert alert--error" role="alert">
                                <p>{error.user_message()}</p>
                            </div>
                        }
                    })
            }}
            <Show when=move || {
                state.with(|s| *s == ListState::Ready) && next_cursor.with(Option::is_some)
            }>
                <div class="load-more">
                    <button
                        type="button"
                        class="btn btn--secondary"
                        class:is-busy=move || loading_more.get()
                        disabled=move || loading_more.get()
                        on:click=move |_| {
                            if let Some(cursor) = next_cursor.get_untracked() {
                                load.run(Some(cursor));
                            }
                        }
                    >
                        {move || if loading_more.get() { "Loading…" } else { "Load more" }}
                    </button>
                </div>
            </Show>
        </section>
    }
}

/// What the list says once a card cancelled or moved its session.
fn changed_message(changed: &Booking, me: &User, today: NaiveDate) -> String {
    let other = &changed.counterpart(me.id).full_name;
    let when = time::when(&Local, changed.start_time, changed.end_time, today);
    if changed.status == BookingStatus::Cancelled {
        format!("Your session with {other} on {when} is cancelled.")
    } else {
        format!("Your session with {other} is moved to {when}.")
    }
}

/// An empty list: where to go from here.
#[component]
fn NoSessions(scope: BookingScope, role: Role) -> impl IntoView {
    match (scope, role) {
        (BookingScope::Past, _) => view! {
            <p class="empty-note">"No past sessions yet."</p>
        }
        .into_any(),
        (BookingScope::Upcoming, Role::Client) => view! {
            <div class="empty-state empty-state--compact">
                <p class="empty-state__title">"No sessions yet — find a professional"</p>
                <p class="muted">"Pick a professional, choose a free time, and it shows up here."</p>
                <A href=routes::PROFESSIONALS attr:class="btn btn--primary">
                    "Find a professional"
                </A>
            </div>
        }
        .into_any(),
        (BookingScope::Upcoming, Role::Professional) => view! {
            <div class="empty-state empty-state--compact">
                <p class="empty-state__title">"No sessions yet"</p>
                <p class="muted">"When clients book the times you publish, they show up here."</p>
                <A href=routes::AVAILABILITY attr:class="btn btn--primary">
                    "Publish your availability"
                </A>
            </div>
        }
        .into_any(),
    }
}
