//! The weekly hours of `/availability`: each weekday's ranges, with "Add
//! hours" and "Copy to other days" (tick the days, then Copy).

use std::collections::BTreeSet;

use leptos::prelude::*;
use tandem_api::availability::Weekday;

use super::range_rows::{RangeEvents, RangeRows};
use crate::availability::week::{Part, WeekDraft};

/// What the week's boxes report to the form that owns the week.
#[derive(Clone, Copy)]
pub struct WeekEvents {
    /// A range of that day was changed, added or removed (its messages go).
    pub edited: Callback<(Weekday, u32)>,
    /// A box of that range was left.
    pub left: Callback<(Weekday, u32)>,
    /// The message under a box now, if any.
    pub message: Callback<(Weekday, u32, Part), Option<String>>,
    /// A message about the day as a whole.
    pub day_message: Callback<Weekday, Option<String>>,
}

#[component]
pub fn WeekEditor(week: RwSignal<WeekDraft>, events: WeekEvents) -> impl IntoView {
    let copied = RwSignal::new(None::<String>);
    view! {
        <div class="week">
            {Weekday::ALL
                .into_iter()
                .map(|day| view! { <DayEditor day week events copied /> })
                .collect_view()}
        </div>
        <p role="status" class="form-status">
            {move || copied.get()}
        </p>
    }
}

/// `hours-monday`.
pub fn day_id(day: Weekday) -> String {
    format!("hours-{}", day.name().to_lowercase())
}

#[component]
fn DayEditor(
    day: Weekday,
    week: RwSignal<WeekDraft>,
    events: WeekEvents,
    copied: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = day.name();
    let id_prefix = day_id(day);
    let ranges = Signal::derive(move || week.with(|w| w.day(day).ranges().to_vec()));
    let is_empty = move || week.with(|w| w.day(day).is_empty());
    let range_events = RangeEvents {
        edit: Callback::new(move |(key, part, text): (u32, Part, String)| {
            week.update(|w| w.day_mut(day).set(key, part, text));
            events.edited.run((day, key));
        }),
        leave: Callback::new(move |key| events.left.run((day, key))),
        remove: Callback::new(move |key| {
            week.update(|w| w.day_mut(day).remove(key));
            events.edited.run((day, key));
        }),
        message: Callback::new(move |(key, part)| events.message.run((day, key, part))),
    };
    let add = move |_| {
        let mut key = 0;
        week.update(|w| key = w.day_mut(day).add_range());
        events.edited.run((day, key));
    };
    let message_id = format!("{id_prefix}-message");
    let day_message = Memo::new(move |_| events.day_message.run(day));
    let described_by = {
        let id = message_id.clone();
        move || day_message.with(Option::is_some).then(|| id.clone())
    };
    view! {
        <fieldset
            class="week-day"
            aria-describedby=described_by
        >
            <legend class="week-day__name">{name}</legend>
            <div class="week-day__body">
                <Show
                    when=move || !is_empty()
                    fallback=|| view! { <p class="muted week-day__off">"Unavailable"</p> }
                >
                    <RangeRows id_prefix=id_prefix.clone() context=name ranges events=range_events />
                </Show>
                {move || {
                    day_message
                        .get()
                        .map(|message| {
                            view! {
                                <p id=message_id.clone() class="field__error">
                                    {message}
                                </p>
                            }
                        })
                }}
                <div class="week-day__actions">
                    <button type="button" class="btn btn--secondary btn--small" on:click=add>
                        "Add hours"
                        <span class="visually-hidden">{format!(" on {name}")}</span>
                    </button>
                    <CopyDay day week copied />
                </div>
            </div>
        </fieldset>
    }
}

/// "Copy to other days": the other six days to tick, then Copy.
#[component]
fn CopyDay(
    day: Weekday,
    week: RwSignal<WeekDraft>,
    copied: RwSignal<Option<String>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let chosen = RwSignal::new(BTreeSet::<Weekday>::new());
    let name = day.name();
    let panel_id = format!("{}-copy", day_id(day));
    let apply = move |_| {
        let targets: Vec<Weekday> = chosen.get_untracked().into_iter().collect();
        if targets.is_empty() {
            return;
        }
        week.update(|w| w.copy_day(day, &targets));
        let names: Vec<&str> = targets.iter().map(|d| d.name()).collect();
        copied.set(Some(format!(
            "{name}'s hours copied to {}.",
            names.join(", ")
        )));
        chosen.set(BTreeSet::new());
        open.set(false);
    };
    let choice = move |other: Weekday| {
        let id = format!("{}-copy-{}", day_id(day), other.name().to_lowercase());
        let label_for = id.clone();
        view! {
            <label class="choice" for=label_for>
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || chosen.with(|c| c.contains(&other))
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        chosen.update(|c| {
                            if on {
                                c.insert(other);
                            } else {
                                c.remove(&other);
                            }
                        });
                    }
                />
                {other.name()}
            </label>
        }
    };
    view! {
        <button
            type="button"
            class="btn btn--ghost btn--small"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls=panel_id.clone()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Copy to other days"
            <span class="visually-hidden">{format!(" from {name}")}</span>
        </button>
        <div id=panel_id class="copy-day" hidden=move || !open.get()>
            <fieldset class="fieldset">
                <legend class="fieldset__legend">{format!("Copy {name}'s hours to")}</legend>
                <div class="copy-day__choices">
                    {Weekday::ALL.into_iter().filter(|d| *d != day).map(choice).collect_view()}
                </div>
            </fieldset>
            <div class="form-actions">
                <button
                    type="button"
                    class="btn btn--primary btn--small"
                    disabled=move || chosen.with(BTreeSet::is_empty)
                    on:click=apply
                >
                    "Copy"
                </button>
                <button type="button" class="btn btn--ghost btn--small" on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
            </div>
        </div>
    }
}
