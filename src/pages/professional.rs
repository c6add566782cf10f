//! `/professionals/:id`: one professional's free times, a day at a time in
//! the viewer's time zone, and booking one of them (clients only).

use chrono::{Local, NaiveDate};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use tandem_api::auth::{Professional, Role};
use tandem_api::bookings::{Booking, CreateBookingRequest};
use tandem_api::slots::Slot;
use tandem_api::validation::{normalize_notes, NOTES_MAX_CHARS};
use tandem_api::{ErrorCode, SlotId, UserId};

use crate::api::ApiError;
use crate::auth::{use_auth, RequireUser};
use crate::booking::money::format_price;
use crate::booking::requests;
use crate::booking::time::{self, next_days, DAYS_AHEAD};
use crate::components::day_picker::DayPicker;
use crate::components::form_field::{focus_by_id, FormAlert, SubmitButton};
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::components::time_zone::{TimesIn, ViewerZone};
use crate::routes;

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

/// The chosen time, optional notes, and "Book this session".
#[component]
fn BookingForm(
    /// The chosen time.
    time_slot: Slot,
    /// What the person typed for the professional.
    notes: RwSignal<String>,
    professional: String,
    today: NaiveDate,
    /// Booked: the new booking.
    on_booked: Callback<Booking>,
    /// The time cannot be booked any more (taken, started, deleted): what
    /// to tell the person.
    on_lost: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let auth = use_auth();
    let notes_server_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let slot = time_slot;
    let slot_id = slot.id;

    let book = Action::new_local(move |request: &CreateBookingRequest| {
        let request = request.clone();
        async move {
            match requests::book(&request).await {
                Ok(booking) => on_booked.run(booking),
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) => match refusal(&error) {
                    Refusal::Lost(message) => on_lost.run(message),
                    Refusal::Notes(message) => {
                        notes_server_error.try_set(Some(message));
                    }
                    Refusal::Form(message) => {
                        form_error.try_set(Some(message));
                    }
                },
            }
        }
    });
    let pending = book.pending();

    // Too long shows at once, next to the counter; the server's message
    // until the notes are edited.
    let visible_error = Memo::new(move |_| {
        notes
            .with(|n| notes_error(n))
            .or_else(|| notes_server_error.get())
    });
    let count = Memo::new(move |_| notes.with(|n| n.trim().chars().count()));
    let over_limit = Memo::new(move |_| count.get() > NOTES_MAX_CHARS);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        form_error.set(None);
        let raw = notes.get_untracked();
        let Ok(notes) = normalize_notes(Some(&raw)) else {
            focus_by_id(NOTES_ID);
            return;
        };
        book.dispatch(CreateBookingRequest { slot_id, notes });
    };

    let when = time::when(&Local, slot.start_time, slot.end_time, today);
    let hint = format!("Anything {professional} should know before the session.");
    view! {
        <form
            class="form card booking-form"
            aria-labelledby=FORM_TITLE_ID
            novalidate=true
            on:submit=on_submit
        >
            <div>
                <h2 id=FORM_TITLE_ID class="card__title" tabindex="-1">
                    "Book this time"
                </h2>
                <p class="booking-form__summary">
                    <span>{when}</span>
                    " · "
                    <span>{format_price(slot.price_cents)}</span>
                </p>
            </div>
            <div class="field">
                <label class="field__label" for=NOTES_ID>
                    "Notes (optional)"
                </label>
                <p id="booking-notes-hint" class="field__hint">
                    {hint}
                </p>
                <textarea
                    id=NOTES_ID
                    class="input"
                    name="notes"
                    rows="4"
                    aria-invalid=move || visible_error.with(Option::is_some).then_some("true")
                    aria-describedby=move || {
                        if visible_error.with(Option::is_some) {
                            "booking-notes-hint booking-notes-count booking-notes-error"
                        } else {
                            "booking-notes-hint booking-notes-count"
                        }
                    }
                    prop:value=move || notes.get()
                    on:input:target=move |ev| {
                        notes.set(ev.target().value());
                        notes_server_error.set(None);
                    }
                ></textarea>
                <p
                    id="booking-notes-count"
                    class="field__hint counter"
                    class:is-over=over_limit
                >
                    {move || format!("{} / {NOTES_MAX_CHARS} characters", count.get())}
                </p>
                {move || {
                    visible_error
                        .get()
                        .map(|message| {
                            view! {
                                <p id="booking-notes-error" class="field__error">
                                    {message}
                                </p>
                            }
                        })
                }}
            </div>
            <FormAlert message=form_error />
            <div class="form-actions">
                <SubmitButton pending=pending label="Book this session" busy_label="Booking…" />
                <button
                    type="button"
                    class="btn btn--ghost"
                    disabled=move || pending.get()
                    on:click=move |_| on_close.run(())
                >
                    "Choose another time"
                </button>
            </div>
        </form>
    }
}

/// The confirmation once booked, with the way to the sessions page.
#[component]
fn Booked(booking: Booking, professional: String, today: NaiveDate) -> impl IntoView {
    let when = time::when(&Local, booking.start_time, booking.end_time, today);
    view! {
        <div id=SUCCESS_ID class="alert alert--success" role="status" tabindex="-1">
            <p class="alert__title">"Session booked"</p>
            <p>"Your session with " {professional} " on " {when} " is booked."</p>
            <div class="alert__actions">
                <A href=routes::SESSIONS attr:class="btn btn--primary btn--small">
                    "Go to your sessions"
                </A>
            </div>
        </div>
    }
}

/// The message for notes that break the shared rule.
fn notes_error(raw: &str) -> Option<String> {
    normalize_notes(Some(raw)).err().map(|e| e.to_string())
}

/// What a refused booking means for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    /// The time cannot be booked any more; the list is refreshed.
    Lost(String),
    /// The notes were refused.
    Notes(String),
    /// Anything else, shown above the button.
    Form(String),
}

fn refusal(error: &ApiError) -> Refusal {
    match error.code() {
        Some(ErrorCode::SlotTaken) => Refusal::Lost(SLOT_TAKEN.to_owned()),
        Some(ErrorCode::Conflict | ErrorCode::NotFound) => Refusal::Lost(error.user_message()),
        Some(ErrorCode::ValidationFailed) => match error.field_error("notes") {
            Some(message) => Refusal::Notes(message.to_owned()),
            None => Refusal::Form(error.user_message()),
        },
        _ => Refusal::Form(error.user_message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::{ErrorBody, FieldError};

    fn server(status: u16, code: ErrorCode, message: &str) -> ApiError {
        ApiError::Server {
            status,
            body: ErrorBody::new(code, message),
        }
    }

    #[test]
    fn a_taken_slot_says_pick_another_time() {
        let error = server(
            409,
            ErrorCode::SlotTaken,
            "Somebody booked this slot first.",
        );
        assert_eq!(refusal(&error), Refusal::Lost(SLOT_TAKEN.into()));
    }

    #[test]
    fn started_or_deleted_slots_use_the_server_message() {
        let error = server(
            409,
            ErrorCode::Conflict,
            "This session has already started.",
        );
        assert_eq!(
            refusal(&error),
            Refusal::Lost("This session has already started.".into())
        );
        let error = server(
            404,
            ErrorCode::NotFound,
            "This slot does not exist any more.",
        );
        assert_eq!(
            refusal(&error),
            Refusal::Lost("This slot does not exist any more.".into())
        );
    }

    #[test]
    fn refused_notes_stay_with_the_notes() {
        let mut body = ErrorBody::new(ErrorCode::ValidationFailed, "Check the form.");
        body.error.fields = vec![FieldError {
            field: "notes".into(),
            message: "Notes can be at most 1000 characters.".into(),
        }];
        let error = ApiError::Server { status: 422, body };
        assert_eq!(
            refusal(&error),
            Refusal::Notes("Notes can be at most 1000 characters.".into())
        );
    }

    #[test]
    fn other_failures_show_above_the_button() {
        let error = ApiError::Network("Failed to fetch".into());
        assert!(matches!(refusal(&error), Refusal::Form(m) if m.contains("could not reach")));
        let error = server(403, ErrorCode::Forbidden, "Only clients can book sessions.");
        assert_eq!(
            refusal(&error),
            Refusal::Form("Only clients can book sessions.".into())
        );
    }

    #[test]
    fn notes_over_the_limit_are_refused_before_sending() {
        assert_eq!(notes_error(""), None);
        assert_eq!(notes_error(&"x".repeat(NOTES_MAX_CHARS)), None);
        assert_eq!(
            notes_error(&format!("  {}  ", "x".repeat(NOTES_MAX_CHARS))),
            None
        );
        assert_eq!(
            notes_error(&"x".repeat(NOTES_MAX_CHARS + 1)),
            Some("Notes can be at most 1000 characters.".into())
        );
    }
}
