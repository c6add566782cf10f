//! `/professionals/:id`: one professional's profile, then their free
//! times, a day at a time in the viewer's time zone, and booking one of
//! them (clients only).

use chrono::{Local, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use tandem_api::auth::Role;
use tandem_api::availability::{BookableTime, BookingTarget};
use tandem_api::bookings::Booking;
use tandem_api::profiles::ProfessionalProfile;
use tandem_api::UserId;

use crate::auth::{use_auth, RequireUser};
use crate::booking::requests;
use crate::booking::time::{self, next_days, DAYS_AHEAD};
use crate::components::day_picker::DayPicker;
use crate::components::form_field::focus_by_id;
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::components::time_choices::TimeChoices;
use crate::components::time_zone::{TimesIn, ViewerZone};
use crate::profiles;
use crate::routes;

mod booking_form;
mod profile;
use booking_form::{Booked, BookingForm};
use profile::{ProfileDetails, ProfileHeader};

/// What a client is told when somebody else booked the chosen time first.
pub use crate::booking::changes::SLOT_TAKEN;

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

/// Loads the professional's profile.
#[component]
fn ProfessionalLoader(id: UserId) -> impl IntoView {
    let profile = Remote::new(move || id, profiles::requests::professional);
    move || match profile.state() {
        None => view! { <LoadingLine text="Loading…" /> }.into_any(),
        Some(Err(error)) if error.is_not_found() => view! { <NoSuchProfessional /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                error
                what="this professional"
                retry=Callback::new(move |_| profile.retry())
            />
        }
        .into_any(),
        Some(Ok(professional)) => view! { <Schedule professional /> }.into_any(),
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
fn Schedule(professional: ProfessionalProfile) -> impl IntoView {
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
    /// The chosen time, by what books it.
    pub chosen: RwSignal<Option<BookingTarget>>,
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

/// The profile, the day picker, that day's times, and the booking form.
#[component]
pub fn ScheduleView(
    professional: ProfessionalProfile,
    /// The viewer's local date: the first day of the picker.
    today: NaiveDate,
    state: ScheduleState,
    /// The times of `state.selected`.
    slots: Remote<NaiveDate, Vec<BookableTime>>,
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
        let target = chosen.get()?;
        slots.state().and_then(Result::ok).and_then(|list| {
            list.into_iter()
                .find(|time| time.book == target && !time.is_booked)
        })
    });
    let name = professional.full_name.clone();

    view! {
        <ProfileHeader professional=professional.clone() />
        <ProfileDetails professional=professional.clone() viewer_zone=zone.name.clone() />
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
                    view! {
                        <TimeChoices
                            times=list
                            chosen
                            bookable=is_client
                            labelled_by="slots-title"
                            next_focus=FORM_TITLE_ID
                        />
                    }
                        .into_any()
                }
            }}
        </section>
        {move || {
            chosen_slot
                .get()
                .filter(|_| is_client.get())
                .map(|time| {
                    view! {
                        <BookingForm
                            chosen=time
                            notes
                            professional=professional.full_name.clone()
                            cutoff_hours=professional.cancellation_cutoff_hours
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
