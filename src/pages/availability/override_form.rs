//! The form that adds a date override: a date, then a day off or other
//! hours (one or more ranges), checked before `POST
//! /api/availability/overrides`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::availability::{CreateOverrideRequest, DateOverride};
use tandem_api::ErrorCode;

use super::overrides::hours_label;
use super::range_rows::{RangeEvents, RangeRows};
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::availability::field_errors::{place_override, OverrideMessages};
use crate::availability::requests;
use crate::availability::week::{DayDraft, Part};
use crate::booking::time;
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};

const DATE_ID: &str = "override-date";
const RANGES_ID: &str = "override-hours";
/// Shown when the date is before today.
pub const DATE_PAST: &str = "Choose today or a later date.";

fn date_error(raw: &str) -> Option<String> {
    time::parse_date(raw)
        .is_none()
        .then(|| "Choose a date.".to_owned())
}

#[component]
pub fn OverrideForm(
    today: NaiveDate,
    #[prop(into)] session_minutes: Signal<u16>,
    on_created: Callback<String>,
) -> impl IntoView {
    let auth = use_auth();
    let date = TextField::new("date", date_error);
    let day_off = RwSignal::new(true);
    let hours = RwSignal::new(DayDraft::default());
    let submitted = RwSignal::new(false);
    let touched = RwSignal::new(BTreeSet::<u32>::new());
    let placed = RwSignal::new(OverrideMessages::default());
    let form_error = RwSignal::new(None::<String>);

    let live = Memo::new(move |_| hours.with(|h| h.check(session_minutes.get())));
    let events = RangeEvents {
        edit: Callback::new(move |(key, part, text): (u32, Part, String)| {
            hours.update(|h| h.set(key, part, text));
            placed.update(|p| p.ranges.retain(|(k, _), _| *k != key));
        }),
        leave: Callback::new(move |key| {
            touched.update(|t| {
                t.insert(key);
            })
        }),
        remove: Callback::new(move |key| {
            hours.update(|h| h.remove(key));
            placed.update(|p| p.hours = None);
        }),
        message: Callback::new(move |(key, part): (u32, Part)| {
            let show_own = submitted.get() || touched.with(|t| t.contains(&key));
            live.with(|l| l.get(&(key, part)).cloned())
                .filter(|_| show_own)
                .or_else(|| placed.with(|p| p.ranges.get(&(key, part)).cloned()))
        }),
    };
    let choose_hours = move |other_hours: bool| {
        day_off.set(!other_hours);
        if other_hours && hours.with_untracked(DayDraft::is_empty) {
            hours.update(|h| {
                h.add_range();
            });
        }
    };

    let create = Action::new_local(move |(request, sent): &(CreateOverrideRequest, DayDraft)| {
        let (request, sent) = (request.clone(), sent.clone());
        async move {
            match requests::create_override(&request).await {
                Ok(created) => {
                    date.value.try_set(String::new());
                    date.touched.try_set(false);
                    hours.try_set(DayDraft::default());
                    day_off.try_set(true);
                    touched.try_set(BTreeSet::new());
                    submitted.try_set(false);
                    on_created.run(created_message(&created, today));
                }
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) => {
                    let messages = refusal(&error, &sent);
                    date.server_error.try_set(messages.date.clone());
                    let unplaced = messages.unplaced.first().cloned();
                    let nothing_placed = messages.date.is_none()
                        && messages.hours.is_none()
                        && messages.ranges.is_empty();
                    placed.try_set(messages);
                    if let Some(text) = unplaced {
                        form_error.try_set(Some(text));
                    } else if nothing_placed {
                        form_error.try_set(Some(error.user_message()));
                    }
                }
            }
        }
    });
    let pending = create.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        form_error.set(None);
        placed.set(OverrideMessages::default());
        let Some(chosen) = date.value.with_untracked(|v| time::parse_date(v)) else {
            focus_by_id(DATE_ID);
            return;
        };
        if chosen < today {
            date.server_error.set(Some(DATE_PAST.to_owned()));
            focus_by_id(DATE_ID);
            return;
        }
        let sent = if day_off.get_untracked() {
            DayDraft::default()
        } else {
            hours.get_untracked()
        };
        if !live.get_untracked().is_empty() && !day_off.get_untracked() {
            focus_by_id(RANGES_ID);
            return;
        }
        let Ok(ranges) = sent.parse() else {
            return;
        };
        if !day_off.get_untracked() && ranges.is_empty() {
            placed.update(|p| {
                p.hours = Some("Add the hours of that day, or choose a day off.".to_owned())
            });
            return;
        }
        create.dispatch((
            CreateOverrideRequest {
                date: chosen,
                ranges,
            },
            sent,
        ));
    };

    let hours_message = Memo::new(move |_| placed.with(|p| p.hours.clone()));
    view! {
        <form class="form" novalidate=true on:submit=on_submit aria-labelledby="new-override-title">
            <FormField
                id=DATE_ID
                label="Date"
                field=date
                submitted
                input_type="date"
            />
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"That day"</legend>
                <label class="choice">
                    <input
                        type="radio"
                        name="override-kind"
                        prop:checked=move || day_off.get()
                        on:change=move |_| choose_hours(false)
                    />
                    "Day off"
                </label>
                <label class="choice">
                    <input
                        type="radio"
                        name="override-kind"
                        prop:checked=move || !day_off.get()
                        on:change=move |_| choose_hours(true)
                    />
                    "Other hours"
                </label>
            </fieldset>
            <Show when=move || !day_off.get()>
                <div id=RANGES_ID class="stack stack--tight" tabindex="-1">
                    <RangeRows
                        id_prefix=RANGES_ID
                        context="Override"
                        ranges=Signal::derive(move || hours.with(|h| h.ranges().to_vec()))
                        events
                    />
                    {move || {
                        hours_message.get().map(|m| view! { <p class="field__error">{m}</p> })
                    }}
                    <div>
                        <button
                            type="button"
                            class="btn btn--secondary btn--small"
                            on:click=move |_| {
                                hours.update(|h| {
                                    h.add_range();
                                })
                            }
                        >
                            "Add hours"
                            <span class="visually-hidden">" to the override"</span>
                        </button>
                    </div>
                </div>
            </Show>
            <FormAlert message=form_error />
            <div class="form-actions">
                <SubmitButton pending label="Add override" busy_label="Adding…" />
            </div>
        </form>
    }
}

/// "Day off on Mon 7 Dec added." / "Hours on Mon 7 Dec added: 10:00–14:00."
fn created_message(created: &DateOverride, today: NaiveDate) -> String {
    let date = time::short_date(created.date, today);
    if created.ranges.is_empty() {
        format!("Day off on {date} added.")
    } else {
        format!("Hours on {date} added: {}.", hours_label(&created.ranges))
    }
}

fn refusal(error: &ApiError, sent: &DayDraft) -> OverrideMessages {
    if error.code() != Some(ErrorCode::ValidationFailed) {
        return OverrideMessages::default();
    }
    place_override(
        error
            .field_errors()
            .iter()
            .map(|f| (f.field.clone(), f.message.clone())),
        sent,
    )
}
