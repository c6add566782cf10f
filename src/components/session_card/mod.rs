//! One session in the list of sessions: who it is with, when, the price,
//! whether (and by whom, and why) it was cancelled, the client's notes,
//! and for an upcoming one the call button, "Add to calendar", and the ways
//! to move it to another time ([`reschedule`]) or cancel it ([`cancel`]).

mod cancel;
mod reschedule;

use chrono::{DateTime, Days, Local, NaiveDate, Utc};
use leptos::prelude::*;
use tandem_api::auth::{Role, User};
use tandem_api::availability::{BookableTime, BookingTarget};
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::paths;

use crate::auth::use_auth;
use crate::booking::changes::{self, change_right, ChangeRight};
use crate::booking::money::format_price;
use crate::booking::requests;
use crate::booking::time::{self, DAYS_AHEAD};
use crate::components::call_action::CallAction;
use crate::components::form_field::focus_by_id;
use crate::components::load_state::Remote;
use crate::components::time_zone::ViewerZone;
use cancel::CancelPanel;
use reschedule::ReschedulePanel;

/// What the card is doing: at rest, asking to cancel, or moving the
/// session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStep {
    Idle,
    Cancelling,
    Rescheduling,
}

/// What the person did on one card: kept while the clock ticks.
#[derive(Debug, Clone, Copy)]
pub struct CardState {
    pub step: RwSignal<CardStep>,
    /// The reason typed for cancelling.
    pub reason: RwSignal<String>,
    /// Why the last try to cancel failed.
    pub cancel_error: RwSignal<Option<String>>,
    /// The day whose free times the reschedule picker shows.
    pub day: RwSignal<NaiveDate>,
    /// The new time chosen, by what books it.
    pub chosen: RwSignal<Option<BookingTarget>>,
    /// Why the chosen time went away (somebody else took it).
    pub notice: RwSignal<Option<String>>,
    /// Why the last try to move the session failed.
    pub move_error: RwSignal<Option<String>>,
}

impl CardState {
    /// At rest; the picker would open on `day`.
    pub fn new(day: NaiveDate) -> Self {
        Self {
            step: RwSignal::new(CardStep::Idle),
            reason: RwSignal::new(String::new()),
            cancel_error: RwSignal::new(None),
            day: RwSignal::new(day),
            chosen: RwSignal::new(None),
            notice: RwSignal::new(None),
            move_error: RwSignal::new(None),
        }
    }
}

/// The free times of the picker's day; no day (and no request) while the
/// picker is closed.
pub type DayTimes = Remote<Option<NaiveDate>, Vec<BookableTime>>;

/// The day the picker opens on: the session's own day when the picker
/// offers it, else today.
pub fn first_picker_day(start: DateTime<Utc>, today: NaiveDate) -> NaiveDate {
    let day = time::local_date(&Local, start);
    let last = today.checked_add_days(Days::new(DAYS_AHEAD - 1));
    if day >= today && last.is_some_and(|last| day <= last) {
        day
    } else {
        today
    }
}

/// The card, with its own state and the professional's free times,
/// loaded when the picker opens.
#[component]
pub fn SessionCard(
    booking: Booking,
    /// The signed-in user (one of the two people of the booking).
    me: User,
    /// The current time, updated by the page.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    /// The viewer's time zone, as shown next to times.
    zone_label: String,
    /// The viewer's local date (times of another year show the year).
    today: NaiveDate,
    /// The session was cancelled or moved from this card: the list shows
    /// this booking from now on.
    on_changed: Callback<Booking>,
    /// A change was refused because the session changed meanwhile (the
    /// other person cancelled, or it started): the server's message, and
    /// the list should be loaded again.
    on_stale: Callback<String>,
) -> impl IntoView {
    let state = CardState::new(first_picker_day(booking.start_time, today));
    #[cfg(debug_assertions)]
    if let Some(preset) = use_context::<CardPreset>().filter(|p| p.booking == booking.id) {
        state.day.set(preset.day);
        (preset.setup)(&state);
        let times = Remote::fixed(Some(state.day.get_untracked()), Some(Ok(preset.times)));
        return view! {
            <SessionCardView booking me now zone_label today state times on_changed on_stale />
        }
        .into_any();
    }
    let professional = booking.professional.id;
    let tz = ViewerZone::current().query_value();
    let step = state.step;
    let day = state.day;
    let times = Remote::new(
        move || (step.get() == CardStep::Rescheduling).then(|| day.get()),
        move |day: Option<NaiveDate>| {
            let tz = tz.clone();
            async move {
                match day {
                    Some(day) => requests::professional_slots(professional, day, &tz).await,
                    None => Ok(Vec::new()),
                }
            }
        },
    );
    view! {
        <SessionCardView booking me now zone_label today state times on_changed on_stale />
    }
    .into_any()
}

/// Dev builds: the gallery shows one card of a list in the middle of a
/// change, with made-up free times (provided as a context around the
/// list).
#[cfg(debug_assertions)]
#[derive(Clone)]
pub struct CardPreset {
    pub booking: tandem_api::BookingId,
    /// The picker's day.
    pub day: NaiveDate,
    /// Puts the card's state where the gallery wants it.
    pub setup: fn(&CardState),
    /// The picker's free times.
    pub times: Vec<BookableTime>,
}

/// The card as it shows in `state`.
#[component]
pub fn SessionCardView(
    booking: Booking,
    me: User,
    #[prop(into)] now: Signal<DateTime<Utc>>,
    zone_label: String,
    today: NaiveDate,
    state: CardState,
    times: DayTimes,
    on_changed: Callback<Booking>,
    on_stale: Callback<String>,
) -> impl IntoView {
    let auth = use_auth();
    let verified = Signal::derive(move || auth.user().is_some_and(|user| user.verified));
    let other = booking.counterpart(me.id).clone();
    let other_role = match other.role {
        Role::Client => "Client",
        Role::Professional => "Professional",
    };
    let (id, start, end) = (booking.id, booking.start_time, booking.end_time);
    let cancelled = booking.status == BookingStatus::Cancelled;
    let joinable = Memo::new(move |_| !cancelled && now.get() < end);
    let right = {
        let (booking, me) = (booking.clone(), me.clone());
        Memo::new(move |_| change_right(&booking, &me, now.get()))
    };
    let title_id = format!("session-{id}-title");
    let labelled_by = title_id.clone();
    let notes_label = match me.role {
        Role::Professional => format!("Notes from {}", booking.client.full_name),
        Role::Client => "Your notes".to_owned(),
    };
    let cancelled_by = cancelled
        .then(|| changes::cancelled_by(&booking, &me))
        .flatten();
    let reason = booking.cancellation_reason.clone().filter(|_| cancelled);
    let step = state.step;
    let ids = ChangeIds::of(id);
    let open = Callback::new(move |(next, focus): (CardStep, String)| {
        step.set(next);
        request_animation_frame(move || focus_by_id(&focus));
    });
    let close = {
        let ids = ids.clone();
        Callback::new(move |from: CardStep| {
            step.set(CardStep::Idle);
            let button = match from {
                CardStep::Rescheduling => ids.reschedule.clone(),
                _ => ids.cancel.clone(),
            };
            request_animation_frame(move || focus_by_id(&button));
        })
    };
    let panel_booking = booking.clone();

    view! {
        <li class="card session-card" aria-labelledby=labelled_by>
            <div class="session-card__head">
                <div>
                    <p class="eyebrow">{other_role}</p>
                    <h3 id=title_id class="card__title">
                        {other.full_name.clone()}
                    </h3>
                </div>
                {cancelled.then(|| view! { <span class="badge badge--danger">"Cancelled"</span> })}
            </div>
            <p class="session-card__when">
                <time datetime=start.to_rfc3339()>{time::when(&Local, start, end, today)}</time>
                " "
                <span class="muted">"(" {zone_label} ")"</span>
            </p>
            <p class="card__meta">{format_price(booking.price_cents)}</p>
            {(cancelled_by.is_some() || reason.is_some())
                .then(|| {
                    view! {
                        <div class="session-card__cancelled">
                            {cancelled_by
                                .map(|by| view! { <p class="session-card__cancelled-by">{by}</p> })}
                            {reason.map(|reason| view! { <p class="session-card__reason">{reason}</p> })}
                        </div>
                    }
                })}
            {booking
                .notes
                .clone()
                .map(|notes| {
                    view! {
                        <div class="session-card__notes">
                            <p class="session-card__notes-label">{notes_label}</p>
                            <p class="session-card__notes-text">{notes}</p>
                        </div>
                    }
                })}
            <Show when=move || joinable.get()>
                <div class="card__footer session-card__actions">
                    <CallAction booking=id start end now verified />
                    <div class="session-card__changes">
                        <a
                            href=paths::booking_calendar(id)
                            download=""
                            class="btn btn--ghost btn--small"
                        >
                            "Add to calendar"
                        </a>
                        <ChangeButtons right step ids=ids.clone() open />
                    </div>
                </div>
                {
                    let booking = panel_booking.clone();
                    let me = me.clone();
                    let ids = ids.clone();
                    move || match (right.get(), step.get()) {
                        (ChangeRight::Open, CardStep::Cancelling) => {
                            view! {
                                <CancelPanel
                                    booking=booking.id
                                    other=booking.counterpart(me.id).full_name.clone()
                                    state
                                    ids=ids.clone()
                                    on_changed
                                    on_stale
                                    on_close=close
                                />
                            }
                                .into_any()
                        }
                        (ChangeRight::Open, CardStep::Rescheduling) => {
                            view! {
                                <ReschedulePanel
                                    booking=booking.clone()
                                    today
                                    state
                                    times
                                    ids=ids.clone()
                                    on_changed
                                    on_stale
                                    on_close=close
                                />
                            }
                                .into_any()
                        }
                        _ => ().into_any(),
                    }
                }
            </Show>
        </li>
    }
}

/// The element ids of one card's change controls.
#[derive(Debug, Clone)]
struct ChangeIds {
    reschedule: String,
    cancel: String,
    closed_note: String,
    /// The first thing of each panel, focused when it opens.
    reason: String,
    picker_title: String,
    /// The question of the confirm step.
    confirm: String,
    prefix: String,
}

impl ChangeIds {
    fn of(booking: tandem_api::BookingId) -> Self {
        let prefix = format!("session-{booking}");
        Self {
            reschedule: format!("{prefix}-reschedule"),
            cancel: format!("{prefix}-cancel"),
            closed_note: format!("{prefix}-closed"),
            reason: format!("{prefix}-reason"),
            picker_title: format!("{prefix}-move-title"),
            confirm: format!("{prefix}-move-confirm"),
            prefix,
        }
    }

    /// Another id of this card: `session-7-{part}`.
    fn part(&self, part: &str) -> String {
        format!("{}-{part}", self.prefix)
    }
}

/// "Reschedule" and "Cancel" while no panel is open; for a client inside
/// the cutoff both are disabled, with the line saying until when changes
/// were possible.
#[component]
fn ChangeButtons(
    right: Memo<ChangeRight>,
    step: RwSignal<CardStep>,
    ids: ChangeIds,
    /// Opens a panel and focuses the element of that id.
    open: Callback<(CardStep, String)>,
) -> impl IntoView {
    move || {
        let closed = match right.get() {
            ChangeRight::Gone => return ().into_any(),
            ChangeRight::Open => None,
            ChangeRight::Closed { hours } => Some(changes::closed_note(hours)),
        };
        if step.get() != CardStep::Idle {
            return ().into_any();
        }
        let disabled = closed.is_some();
        let described_by = disabled.then(|| ids.closed_note.clone());
        let (to_picker, to_reason) = (ids.picker_title.clone(), ids.reason.clone());
        view! {
            <button
                type="button"
                id=ids.reschedule.clone()
                class="btn btn--secondary btn--small"
                disabled=disabled
                aria-describedby=described_by.clone()
                on:click=move |_| open.run((CardStep::Rescheduling, to_picker.clone()))
            >
                "Reschedule"
            </button>
            <button
                type="button"
                id=ids.cancel.clone()
                class="btn btn--secondary btn--small"
                disabled=disabled
                aria-describedby=described_by
                on:click=move |_| open.run((CardStep::Cancelling, to_reason.clone()))
            >
                "Cancel"
            </button>
            {closed
                .map(|note| {
                    view! {
                        <p id=ids.closed_note.clone() class="session-card__closed">
                            {note}
                        </p>
                    }
                })}
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_picker_opens_on_the_sessions_day_when_it_offers_it() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let at = |d: u32| {
            Local
                .with_ymd_and_hms(2026, 11, d, 12, 0, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        assert_eq!(
            first_picker_day(at(25), today),
            at(25).with_timezone(&Local).date_naive()
        );
        // Two weeks on is past the last day offered.
        assert_eq!(
            first_picker_day(at(30) + chrono::Duration::days(7), today),
            today
        );
        assert_eq!(first_picker_day(at(20), today), today);
    }
}
