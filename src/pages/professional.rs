//! `/professionals/:id`: one professional's free times, a day at a time in
//! the viewer's time zone, and booking one of them (clients only).

use chrono::{Local, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use tandem_api::auth::{Professional, Role};
use tandem_api::bookings::Booking;
use tandem_api::slots::Slot;
use tandem_api::{SlotId, UserId};

use crate::auth::{use_auth, RequireUser};
use crate::booking::money::format_price;
use crate::booking::requests;
use crate::booking::time::{self, next_days, DAYS_AHEAD};
use crate::components::day_picker::DayPicker;
use crate::components::form_field::focus_by_id;
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::components::time_zone::{TimesIn, ViewerZone};
use crate::routes;

mod booking_form;
use booking_form::{Booked, BookingForm};

/// What a client is told when somebody else booked the chosen time first.
pub const SLOT_TAKEN: &str = "Someone booked this time a moment ago. Pick another time.";

const NOTES_ID: &str = "booking-notes";
const FORM_TITLE_ID: &str = "booking-title";
const SUCCESS_ID: &str = "booking-success";
const NOTICE_ID: &str = "booking-notice";

/// The route parameters: `/professionals/:id`.
#[derive(Params, Debug, Clone, PartialEq)]
struct ProfessionalParams {
    id: Option<UserId>,
}

#[component]
pub fn ProfessionalPage() -> impl IntoView {
    set_page_title(Some("Book a session"));
    let params = use_params::<ProfessionalParams>();
    let id = Memo::new(move |_| params.with(|p| p.as_ref().ok().and_then(|p| p.id)));
    view! {
        <RequireUser>
            <BackToDirectory />
            {move || match id.get() {
                Some(id) => view! { <ProfessionalLoader id /> }.into_any(),
                None => view! { <NoSuchProfessional /> }.into_any(),
            }}
        </RequireUser>
    }
}

/// The way back to everyone who can be booked.
#[component]
pub fn BackToDirectory() -> impl IntoView {
    view! {
        <p class="back-link">
            <A href=routes::PROFESSIONALS>"All professionals"</A>
        </p>
    }
}

/// Finds the professional's name in the directory.
#[component]
fn ProfessionalLoader(id: UserId) -> impl IntoView {
    let directory = Remote::new(|| (), |_| requests::professionals());
    move || match directory.state() {
        None => view! { <LoadingLine text="Loading…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                error
                what="this professional"
                retry=Callback::new(move |_| directory.retry())
            />
        }
        .into_any(),
        Some(Ok(list)) => match list.into_iter().find(|p| p.id == id) {
            Some(professional) => view! { <Schedule professional /> }.into_any(),
            None => view! { <NoSuchProfessional /> }.into_any(),
        },
    }
}

#[component]
fn NoSuchProfessional() -> impl IntoView {
    set_page_title(Some("Professional not found"));
    view! {
        <div class="empty-state">
            <h1>"Professional not found"</h1>
            <p class="lead">"There is no professional at this address."</p>
            <p>
                <A href=routes::PROFESSIONALS attr:class="btn btn--primary">
                    "See all professionals"
                </A>
            </p>
        </div>
    }
}

/// Loads the chosen day's times.
#[component]
fn Schedule(professional: Professional) -> impl IntoView {
    let today = Local::now().date_naive();
    let state = ScheduleState::new(today);
    let selected = state.selected;
    let id = professional.id;
    let tz = ViewerZone::current().query_value();
    let slots = Remote::new(
        move || selected.get(),
        move |date| {
            let tz = tz.clone();
            async move { requests::professional_slots(id, date, &tz).await }
        },
    );
    view! { <ScheduleView professional today state slots /> }
}

/// What the person did on the page: the day and time they chose, what they
/// typed, and what happened to their booking.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleState {
    pub selected: RwSignal<NaiveDate>,
    pub chosen: RwSignal<Option<SlotId>>,
    pub booked: RwSignal<Option<Booking>>,
    /// Why the chosen time went away (somebody else booked it first).
    pub notice: RwSignal<Option<String>>,
    /// Kept while the person tries other times.
    pub notes: RwSignal<String>,
}

impl ScheduleState {
    /// `day` chosen, nothing else yet.
    pub fn new(day: NaiveDate) -> Self {
        Self {
            selected: RwSignal::new(day),
            chosen: RwSignal::new(None),
            booked: RwSignal::new(None),
            notice: RwSignal::new(None),
            notes: RwSignal::new(String::new()),
        }
    }
}

/// The day picker, that day's times, and the booking form.
#[component]
pub fn ScheduleView(
    professional: Professional,
    /// The viewer's local date: the first day of the picker.
    today: NaiveDate,
    state: ScheduleState,
    /// The times of `state.selected`.
    slots: Remote<NaiveDate, Vec<Slot>>,
) -> impl IntoView {
    set_page_title(Some(&professional.full_name));
    let auth = use_auth();
    let is_client = Memo::new(move |_| auth.user().is_some_and(|u| u.role == Role::Client));
    let zone = ViewerZone::current();
    let ScheduleState {
        selected,
        chosen,
        booked,
        notice,
        notes,
    } = state;

    let pick_day = Callback::new(move |day: NaiveDate| {
        selected.set(day);
        chosen.set(None);
        booked.set(None);
        notice.set(None);
    });
    let on_booked = Callback::new(move |booking: Booking| {
        chosen.set(None);
        notes.set(String::new());
        notice.set(None);
        booked.set(Some(booking));
        slots.refresh();
        request_animation_frame(|| focus_by_id(SUCCESS_ID));
    });
    let on_lost = Callback::new(move |message: String| {
        chosen.set(None);
        notice.set(Some(message));
        slots.refresh();
        request_animation_frame(|| focus_by_id(NOTICE_ID));
    });
    let chosen_slot = Memo::new(move |_| {
        let id = chosen.get()?;
        slots
            .state()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|s| s.id == id && !s.is_booked))
    });
    let name = professional.full_name.clone();

    view! {
        <header class="page-header">
            <div>
                <p class="eyebrow">"Book a session"</p>
                <h1 id="professional-title">{professional.full_name.clone()}</h1>
            </div>
        </header>
        <Show when=move || !is_client.get()>
            <div class="alert alert--info" role="note">
                <p class="alert__title">"Only clients can book sessions"</p>
                <p>
                    "You are signed in as a professional, so you can look at these times but not book them. "
                    "Your own times are on your "
                    <A href=routes::AVAILABILITY>"Availability"</A>
                    " page."
                </p>
            </div>
        </Show>
        <section class="schedule" aria-labelledby="days-title">
            <h2 id="days-title" class="section-title">
                "Choose a day"
            </h2>
            <DayPicker
                days=next_days(today, DAYS_AHEAD)
                today
                selected=selected
                on_pick=pick_day
            />
        </section>
        <section class="schedule" aria-labelledby="slots-title">
            <h2 id="slots-title" class="section-title">
                {move || format!("Free times on {}", time::long_date(selected.get()))}
            </h2>
            <TimesIn zone=zone.clone() />
            {move || {
                notice
                    .get()
                    .map(|message| {
                        view! {
                            <div id=NOTICE_ID class="alert alert--warning" role="alert" tabindex="-1">
                                <p>{message}</p>
                            </div>
                        }
                    })
            }}
            {move || {
                booked
                    .get()
                    .map(|booking| {
                        view! { <Booked booking professional=name.clone() today /> }
                    })
            }}
            {move || match slots.state() {
                None => view! { <LoadingLine text="Loading free times…" /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <LoadError
                            error
                            what="the free times"
                            retry=Callback::new(move |_| slots.retry())
                        />
                    }
                        .into_any()
                }
                Some(Ok(list)) => {
                    view! { <SlotChoices slots=list chosen bookable=is_client /> }.into_any()
                }
            }}
        </section>
        {move || {
            chosen_slot
                .get()
                .filter(|_| is_client.get())
                .map(|slot| {
                    view! {
                        <BookingForm
                            time_slot=slot
                            notes
                            professional=professional.full_name.clone()
                            today
                            on_booked
                            on_lost
                            on_close=Callback::new(move |_| chosen.set(None))
                        />
                    }
                })
        }}
    }
}

/// The day's times as buttons (for clients) or as a plain list.
#[component]
fn SlotChoices(
    slots: Vec<Slot>,
    chosen: RwSignal<Option<SlotId>>,
    #[prop(into)] bookable: Signal<bool>,
) -> impl IntoView {
    if slots.is_empty() {
        return view! {
            <p class="empty-note">"No free times on this day. Try another day."</p>
        }
        .into_any();
    }
    let all_booked = slots.iter().all(|slot| slot.is_booked);
    view! {
        {all_booked
            .then(|| {
                view! {
                    <p class="empty-note">"Every time on this day is booked. Try another day."</p>
                }
            })}
        <ul class="slot-grid" role="list" aria-labelledby="slots-title">
            {slots
                .into_iter()
                .map(|slot| {
                    let id = slot.id;
                    let range = time::time_range(&Local, slot.start_time, slot.end_time);
                    let status = if slot.is_booked {
                        "Booked".to_owned()
                    } else {
                        format_price(slot.price_cents)
                    };
                    let booked = slot.is_booked;
                    view! {
                        <li>
                            {move || {
                                if bookable.get() {
                                    view! {
                                        <button
                                            type="button"
                                            class="slot"
                                            disabled=booked
                                            aria-pressed=move || (chosen.get() == Some(id)).to_string()
                                            on:click=move |_| {
                                                chosen.set(Some(id));
                                                request_animation_frame(|| focus_by_id(FORM_TITLE_ID));
                                            }
                                        >
                                            <span class="slot__time">{range.clone()}</span>
                                            " "
                                            <span class="slot__detail">{status.clone()}</span>
                                        </button>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <div class="slot slot--static" class:is-booked=booked>
                                            <span class="slot__time">{range.clone()}</span>
                                            " "
                                            <span class="slot__detail">{status.clone()}</span>
                                        </div>
                                    }
                                        .into_any()
                                }
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
