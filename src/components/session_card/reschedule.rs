//! "Move this session" on a session card: a day and one of that day's free
//! times of the same professional, then the old and the new time side by
//! side to confirm.

use chrono::{Local, NaiveDate};
use leptos::prelude::*;
use tandem_api::auth::Role;
use tandem_api::availability::BookableTime;
use tandem_api::bookings::{Booking, RescheduleBookingRequest};

use super::{CardState, CardStep, ChangeIds, DayTimes};
use crate::auth::use_auth;
use crate::booking::changes::{refusal, Refusal, SLOT_TAKEN};
use crate::booking::requests;
use crate::booking::time::{self, next_days, DAYS_AHEAD};
use crate::components::day_picker::DayPicker;
use crate::components::form_field::{focus_by_id, FormAlert};
use crate::components::load_state::{LoadError, LoadingLine};
use crate::components::time_choices::TimeChoices;

#[component]
pub(super) fn ReschedulePanel(
    booking: Booking,
    today: NaiveDate,
    state: CardState,
    /// The free times of `state.day`.
    times: DayTimes,
    ids: ChangeIds,
    on_changed: Callback<Booking>,
    on_stale: Callback<String>,
    /// Back to rest, from this step.
    on_close: Callback<CardStep>,
) -> impl IntoView {
    let chosen = state.chosen;
    // The chosen time while it is still free in the list shown.
    let chosen_time = Memo::new(move |_| {
        let target = chosen.get()?;
        times.state().and_then(Result::ok).and_then(|list| {
            list.into_iter()
                .find(|time| time.book == target && !time.is_booked)
        })
    });
    let title_id = ids.picker_title.clone();
    let labelled_by = title_id.clone();
    view! {
        <div class="change-panel" role="group" aria-labelledby=labelled_by>
            <h4 id=title_id class="change-panel__title" tabindex="-1">
                "Move this session"
            </h4>
            {move || match chosen_time.get() {
                None => {
                    view! {
                        <TimesOfDay booking=booking.clone() today state times ids=ids.clone() on_close />
                    }
                        .into_any()
                }
                Some(new_time) => {
                    view! {
                        <ConfirmMove
                            booking=booking.clone()
                            new_time
                            today
                            state
                            times
                            ids=ids.clone()
                            on_changed
                            on_stale
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// The day picker and that day's free times.
#[component]
fn TimesOfDay(
    booking: Booking,
    today: NaiveDate,
    state: CardState,
    times: DayTimes,
    ids: ChangeIds,
    on_close: Callback<CardStep>,
) -> impl IntoView {
    let auth = use_auth();
    let CardState {
        day,
        chosen,
        notice,
        ..
    } = state;
    let whose = match auth.user().map(|u| u.role) {
        Some(Role::Professional) => "your".to_owned(),
        _ => format!("{}'s", booking.professional.full_name),
    };
    let pick_day = Callback::new(move |picked: NaiveDate| {
        day.set(picked);
        chosen.set(None);
        notice.set(None);
    });
    let times_title = ids.part("move-times");
    let notice_id = ids.part("move-notice");
    let confirm_id = ids.confirm.clone();
    view! {
        <p class="muted small">{format!("Pick a new day and time from {whose} free times.")}</p>
        <DayPicker days=next_days(today, DAYS_AHEAD) today selected=day on_pick=pick_day />
        <p id=times_title.clone() class="change-panel__subtitle">
            {move || format!("Free times on {}", time::long_date(day.get()))}
        </p>
        {move || {
            notice
                .get()
                .map(|message| {
                    view! {
                        <div id=notice_id.clone() class="alert alert--warning" role="alert" tabindex="-1">
                            <p>{message}</p>
                        </div>
                    }
                })
        }}
        {move || match times.state() {
            None => view! { <LoadingLine text="Loading free times…" /> }.into_any(),
            Some(Err(error)) => {
                view! {
                    <LoadError error what="the free times" retry=Callback::new(move |_| times.retry()) />
                }
                    .into_any()
            }
            Some(Ok(list)) => {
                view! {
                    <TimeChoices
                        times=list
                        chosen
                        bookable=true
                        labelled_by=times_title.clone()
                        next_focus=confirm_id.clone()
                    />
                }
                    .into_any()
            }
        }}
        <div class="confirm__actions">
            <button
                type="button"
                class="btn btn--ghost btn--small"
                on:click=move |_| {
                    chosen.set(None);
                    notice.set(None);
                    on_close.run(CardStep::Rescheduling);
                }
            >
                "Keep the current time"
            </button>
        </div>
    }
}

/// "Move this session?" with the old and the new time.
#[component]
fn ConfirmMove(
    booking: Booking,
    new_time: BookableTime,
    today: NaiveDate,
    state: CardState,
    times: DayTimes,
    ids: ChangeIds,
    on_changed: Callback<Booking>,
    on_stale: Callback<String>,
) -> impl IntoView {
    let auth = use_auth();
    let CardState {
        chosen,
        notice,
        move_error: error,
        ..
    } = state;
    let id = booking.id;
    let target = new_time.book;
    let notice_id = ids.part("move-notice");
    let reschedule = Action::new_local(move |request: &RescheduleBookingRequest| {
        let request = request.clone();
        let notice_id = notice_id.clone();
        async move {
            match requests::reschedule_booking(id, &request).await {
                Ok(moved) => on_changed.run(moved),
                Err(e) if auth.forget_if_unauthorized(&e) => {}
                Err(e) => match refusal(&e) {
                    Refusal::Taken => {
                        chosen.try_set(None);
                        notice.try_set(Some(SLOT_TAKEN.to_owned()));
                        times.refresh();
                        request_animation_frame(move || focus_by_id(&notice_id));
                    }
                    Refusal::Stale(message) => on_stale.run(message),
                    Refusal::Here(message) => {
                        error.try_set(Some(message));
                    }
                },
            }
        }
    });
    let pending = reschedule.pending();
    let old_when = time::when(&Local, booking.start_time, booking.end_time, today);
    let new_when = time::when(&Local, new_time.start_time, new_time.end_time, today);
    view! {
        <p id=ids.confirm.clone() class="confirm__question" tabindex="-1">
            "Move this session?"
        </p>
        <dl class="move-summary">
            <div>
                <dt>"From"</dt>
                <dd>
                    <time datetime=booking.start_time.to_rfc3339()>{old_when}</time>
                </dd>
            </div>
            <div>
                <dt>"To"</dt>
                <dd>
                    <time datetime=new_time.start_time.to_rfc3339()>{new_when}</time>
                </dd>
            </div>
        </dl>
        <FormAlert message=error />
        <div class="confirm__actions">
            <button
                type="button"
                class="btn btn--primary btn--small"
                class:is-busy=move || pending.get()
                disabled=move || pending.get()
                on:click=move |_| {
                    error.set(None);
                    reschedule.dispatch(RescheduleBookingRequest { target });
                }
            >
                {move || if pending.get() { "Moving…" } else { "Yes, move it" }}
            </button>
            <button
                type="button"
                class="btn btn--secondary btn--small"
                disabled=move || pending.get()
                on:click=move |_| {
                    error.set(None);
                    chosen.set(None);
                }
            >
                "Choose another time"
            </button>
        </div>
    }
}
