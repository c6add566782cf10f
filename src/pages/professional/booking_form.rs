//! The booking form of a professional's page, and the confirmation once
//! booked.

use chrono::{Local, NaiveDate};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::availability::BookableTime;
use tandem_api::bookings::{Booking, CreateBookingRequest};
use tandem_api::validation::{normalize_notes, NOTES_MAX_CHARS};
use tandem_api::ErrorCode;

use super::{FORM_TITLE_ID, NOTES_ID, SLOT_TAKEN, SUCCESS_ID};
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::booking::changes::cutoff_policy;
use crate::booking::money::format_price;
use crate::booking::requests;
use crate::booking::time;
use crate::components::form_field::{focus_by_id, FormAlert, SubmitButton};
use crate::routes;

/// The chosen time, optional notes, and "Book this session".
#[component]
pub(super) fn BookingForm(
    /// The chosen time.
    chosen: BookableTime,
    /// What the person typed for the professional.
    notes: RwSignal<String>,
    professional: String,
    /// Until how many hours before the start the client may cancel or
    /// move the session.
    cutoff_hours: u16,
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
    let target = chosen.book;

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
        book.dispatch(CreateBookingRequest { target, notes });
    };

    let when = time::when(&Local, chosen.start_time, chosen.end_time, today);
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
                    <span>{format_price(chosen.price_cents)}</span>
                </p>
                <p class="booking-form__policy muted small">{cutoff_policy(cutoff_hours)}</p>
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
pub(super) fn Booked(booking: Booking, professional: String, today: NaiveDate) -> impl IntoView {
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
