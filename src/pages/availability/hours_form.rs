//! The weekly hours and the rules of `/availability` in one form with one
//! Save: checked in the browser first (each box, then the shared rules),
//! then `PUT /api/availability`; a refusal's messages go next to their
//! boxes, a fault says so with Retry, and what was typed is never lost.

use std::collections::BTreeSet;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::availability::{Availability, Weekday};
use tandem_api::ErrorCode;

use super::rules_fields::{rule_id, RuleFields, RulesFields};
use super::week_editor::{day_id, WeekEditor, WeekEvents};
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::availability::field_errors::{place_hours, HoursMessages};
use crate::availability::requests;
use crate::availability::rules::{self, RuleTexts};
use crate::availability::week::{Part, WeekDraft};
use crate::components::form_field::{focus_by_id, SubmitButton};
use crate::components::load_state::may_retry;

#[component]
pub fn HoursForm(
    /// The saved hours and rules.
    initial: Availability,
    on_saved: Callback<Availability>,
    /// Show every message at once, as after pressing Save (the gallery).
    #[prop(optional)]
    show_errors: bool,
) -> impl IntoView {
    let auth = use_auth();
    let week = RwSignal::new(WeekDraft::from_hours(&initial.weekly_hours));
    let fields = RuleFields::new(&RuleTexts::of(&initial));
    let submitted = RwSignal::new(show_errors);
    let touched = RwSignal::new(BTreeSet::<(Weekday, u32)>::new());
    let placed = RwSignal::new(HoursMessages::default());
    let fault = RwSignal::new(None::<(String, bool)>);
    let saved = RwSignal::new(false);
    let last_sent = RwSignal::new(None::<(Availability, WeekDraft)>);

    // The session length as typed, for checking range lengths live.
    let session = Memo::new(move |_| {
        fields
            .session
            .value
            .with(|v| v.trim().parse::<u16>().ok())
            .filter(|_| {
                fields
                    .session
                    .value
                    .with(|v| rules::session_error(v).is_none())
            })
            .unwrap_or(0)
    });
    let live = Memo::new(move |_| week.with(|w| w.check(session.get())));
    let message = move |(day, key, part): (Weekday, u32, Part)| {
        let index = usize::from(day.index());
        let show_own = submitted.get() || touched.with(|t| t.contains(&(day, key)));
        let own = live.with(|l| l[index].get(&(key, part)).cloned());
        own.filter(|_| show_own)
            .or_else(|| placed.with(|p| p.ranges[index].get(&(key, part)).cloned()))
    };
    let events = WeekEvents {
        edited: Callback::new(move |(day, key): (Weekday, u32)| {
            saved.set(false);
            placed.update(|p| {
                let index = usize::from(day.index());
                p.ranges[index].retain(|(k, _), _| *k != key);
                p.days[index] = None;
            });
        }),
        left: Callback::new(move |entry| {
            touched.update(|t| {
                t.insert(entry);
            })
        }),
        message: Callback::new(message),
        day_message: Callback::new(move |day: Weekday| {
            placed.with(|p| p.days[usize::from(day.index())].clone())
        }),
    };

    let save = Action::new_local(move |(availability, sent): &(Availability, WeekDraft)| {
        let (availability, sent) = (availability.clone(), sent.clone());
        async move {
            match requests::save_availability(&availability).await {
                Ok(answer) => {
                    week.try_set(WeekDraft::from_hours(&answer.weekly_hours));
                    fields.show(&RuleTexts::of(&answer));
                    touched.try_set(BTreeSet::new());
                    placed.try_set(HoursMessages::default());
                    submitted.try_set(false);
                    saved.try_set(true);
                    on_saved.run(answer);
                }
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) => {
                    let messages = refusal_messages(&error, &sent);
                    show_messages(fields, placed, &messages);
                    let unplaced = messages.unplaced.first().cloned();
                    if error.code() == Some(ErrorCode::ValidationFailed) && messages.is_empty() {
                        fault.try_set(Some((error.user_message(), false)));
                    } else if let Some(text) = unplaced {
                        fault.try_set(Some((text, false)));
                    } else if error.code() != Some(ErrorCode::ValidationFailed) {
                        fault.try_set(Some((error.user_message(), may_retry(&error))));
                    }
                }
            }
        }
    });
    let pending = save.pending();

    let send = move |availability: Availability, sent: WeekDraft| {
        fault.set(None);
        saved.set(false);
        last_sent.set(Some((availability.clone(), sent.clone())));
        save.dispatch((availability, sent));
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        fault.set(None);
        saved.set(false);
        placed.set(HoursMessages::default());
        let draft = week.get_untracked();
        let checked = draft
            .parse()
            .map_err(|_| Vec::new())
            .and_then(|hours| rules::assemble(&fields.texts(), hours));
        match checked {
            Ok(availability) => send(availability, draft),
            Err(messages) => {
                let placed_now = place_hours(messages, &draft);
                show_messages(fields, placed, &placed_now);
                focus_first_message(&draft, fields, &live.get_untracked(), &placed_now);
            }
        }
    };
    let retry = move |_| {
        if let Some((availability, sent)) = last_sent.get_untracked() {
            send(availability, sent);
        }
    };

    view! {
        <form class="form hours-form" novalidate=true on:submit=on_submit>
            <section class="card stack" aria-labelledby="weekly-hours-title">
                <div>
                    <h2 id="weekly-hours-title" class="card__title">
                        "Weekly hours"
                    </h2>
                    <p class="muted small">
                        "The times you usually work, in your time zone. Clients book sessions inside them."
                    </p>
                </div>
                <WeekEditor week events />
            </section>
            <section class="card stack" aria-labelledby="rules-title">
                <h2 id="rules-title" class="card__title">
                    "Booking rules"
                </h2>
                <RulesFields fields submitted />
            </section>
            {move || {
                fault
                    .get()
                    .map(|(message, retryable)| {
                        view! {
                            <div class="alert alert--error" role="alert">
                                <p class="alert__title">"Your hours are not saved yet"</p>
                                <p>{message}</p>
                                {retryable
                                    .then(|| {
                                        view! {
                                            <div class="alert__actions">
                                                <button
                                                    type="button"
                                                    class="btn btn--secondary btn--small"
                                                    on:click=retry
                                                >
                                                    "Retry"
                                                </button>
                                            </div>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
            <p role="status" class="form-status">
                {move || saved.get().then_some("Your hours and rules are saved.")}
            </p>
            <div class="form-actions">
                <SubmitButton pending label="Save hours and rules" busy_label="Saving…" />
            </div>
        </form>
    }
}

/// The messages of a refused save, placed against the week as it was sent.
fn refusal_messages(error: &ApiError, sent: &WeekDraft) -> HoursMessages {
    if error.code() != Some(ErrorCode::ValidationFailed) {
        return HoursMessages::default();
    }
    place_hours(
        error
            .field_errors()
            .iter()
            .map(|f| (f.field.clone(), f.message.clone())),
        sent,
    )
}

fn show_messages(fields: RuleFields, placed: RwSignal<HoursMessages>, messages: &HoursMessages) {
    for (name, message) in &messages.rules {
        if let Some(field) = fields.by_name(name) {
            field.server_error.try_set(Some(message.clone()));
        }
    }
    placed.try_set(messages.clone());
}

/// Moves the focus to the first box with a message: the week's first, then
/// the rules'.
fn focus_first_message(
    draft: &WeekDraft,
    fields: RuleFields,
    live: &crate::availability::week::WeekErrors,
    placed: &HoursMessages,
) {
    for day in Weekday::ALL {
        let index = usize::from(day.index());
        for range in draft.day(day).ranges() {
            for (part, suffix) in [(Part::Start, "start"), (Part::End, "end")] {
                let key = (range.key, part);
                if live[index].contains_key(&key) || placed.ranges[index].contains_key(&key) {
                    focus_by_id(&format!("{}-{}-{suffix}", day_id(day), range.key));
                    return;
                }
            }
        }
    }
    for field in fields.all() {
        if field.own_error_untracked().is_some() || placed.rules.contains_key(field.name) {
            focus_by_id(&rule_id(field.name));
            return;
        }
    }
}
