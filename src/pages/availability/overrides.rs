//! The date overrides of `/availability`: the upcoming ones (a day off, or
//! other hours), deleting one, and the form that adds one.

use chrono::NaiveDate;
use leptos::prelude::*;
use tandem_api::availability::{DateOverride, TimeRange};

use super::override_form::OverrideForm;
use crate::auth::use_auth;
use crate::availability::requests;
use crate::booking::time;
use crate::components::load_state::{ListNotices, LoadError, LoadingLine, Remote};

/// "Day off", or `09:00–12:00, 14:00–16:00`.
pub fn hours_label(ranges: &[TimeRange]) -> String {
    if ranges.is_empty() {
        "Day off".to_owned()
    } else {
        ranges
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[component]
pub fn Overrides(
    overrides: Remote<(), Vec<DateOverride>>,
    today: NaiveDate,
    /// The session length, for checking the hours of an override.
    #[prop(into)]
    session_minutes: Signal<u16>,
    /// An override was added or deleted (the preview changes).
    on_changed: Callback<()>,
) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let stale = RwSignal::new(None::<String>);
    let changed = Callback::new(move |message: String| {
        stale.set(None);
        status.set(Some(message));
        overrides.refresh();
        on_changed.run(());
    });
    let on_stale = Callback::new(move |message: String| {
        status.set(None);
        stale.set(Some(message));
        overrides.refresh();
    });
    view! {
        <section class="card stack" aria-labelledby="overrides-title">
            <div>
                <h2 id="overrides-title" class="card__title">
                    "Date overrides"
                </h2>
                <p class="muted small">"A day off, or other hours on one date."</p>
            </div>
            <ListNotices status stale />
            {move || match overrides.state() {
                None => view! { <LoadingLine text="Loading your overrides…" /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <LoadError
                            error
                            what="your overrides"
                            retry=Callback::new(move |_| overrides.retry())
                        />
                    }
                        .into_any()
                }
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p class="empty-note">"No overrides: your weekly hours apply every day."</p> }
                        .into_any()
                }
                Some(Ok(list)) => {
                    view! {
                        <ul class="override-list" role="list">
                            {list
                                .into_iter()
                                .map(|entry| {
                                    view! { <OverrideRow entry today changed on_stale /> }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <h3 class="override-form__title" id="new-override-title">
                "Add an override"
            </h3>
            <OverrideForm today session_minutes on_created=changed />
        </section>
    }
}

#[component]
fn OverrideRow(
    entry: DateOverride,
    today: NaiveDate,
    changed: Callback<String>,
    on_stale: Callback<String>,
) -> impl IntoView {
    let auth = use_auth();
    let date = time::short_date(entry.date, today);
    let hours = hours_label(&entry.ranges);
    let label_id = format!("override-{}", entry.id.0);
    let error = RwSignal::new(None::<String>);
    let delete = {
        let date = date.clone();
        let id = entry.id;
        Action::new_local(move |_: &()| {
            let date = date.clone();
            async move {
                match requests::delete_override(id).await {
                    Ok(()) => changed.run(format!("Override of {date} deleted.")),
                    Err(e) if auth.forget_if_unauthorized(&e) => {}
                    Err(e) if e.is_not_found() => on_stale.run(
                        "That override was already gone; the list is up to date now.".to_owned(),
                    ),
                    Err(e) => {
                        error.try_set(Some(e.user_message()));
                    }
                }
            }
        })
    };
    let pending = delete.pending();
    let is_day_off = entry.ranges.is_empty();
    view! {
        <li class="override-row">
            <p id=label_id.clone() class="override-row__text">
                <span class="override-row__date">{date}</span>
                {if is_day_off {
                    view! { <span class="badge badge--neutral">{hours}</span> }.into_any()
                } else {
                    view! { <span class="override-row__hours">{hours}</span> }.into_any()
                }}
            </p>
            <button
                type="button"
                class="btn btn--danger btn--small"
                class:is-busy=move || pending.get()
                disabled=move || pending.get()
                aria-describedby=label_id
                on:click=move |_| {
                    error.set(None);
                    delete.dispatch(());
                }
            >
                {move || if pending.get() { "Deleting…" } else { "Delete" }}
            </button>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error override-row__error" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </li>
    }
}
