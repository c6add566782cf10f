//! One session in the list of sessions: who it is with, when, the price,
//! whether it was cancelled, the client's notes, and for an upcoming one the
//! call button and a way to cancel it.

use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use tandem_api::auth::{Role, User};
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::BookingId;

use crate::auth::use_auth;
use crate::booking::money::format_price;
use crate::booking::{requests, time};
use crate::components::call_action::CallAction;
use crate::components::form_field::focus_by_id;

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
    /// The session was cancelled from this card: the list shows this
    /// booking from now on.
    on_cancelled: Callback<Booking>,
    /// Cancelling was refused because the session changed meanwhile (the
    /// other person cancelled, or it started): the server's message, and
    /// the list should be loaded again.
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
    let cancellable = Memo::new(move |_| !cancelled && now.get() < start);
    let title_id = format!("session-{id}-title");
    let labelled_by = title_id.clone();
    let notes_label = match me.role {
        Role::Professional => format!("Notes from {}", booking.client.full_name),
        Role::Client => "Your notes".to_owned(),
    };

    view! {
        <li class="card session-card" aria-labelledby=labelled_by>
            <div class="session-card__head">
                <div>
                    <p class="eyebrow">{other_role}</p>
                    <h3 id=title_id class="card__title">
                        {other.full_name}
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
            {booking
                .cancellation_reason
                .filter(|_| cancelled)
                .map(|reason| view! { <p class="session-card__reason">{reason}</p> })}
            {booking
                .notes
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
                    <Show when=move || cancellable.get()>
                        <CancelSession booking=id on_cancelled on_stale />
                    </Show>
                </div>
            </Show>
        </li>
    }
}

/// "Cancel", then "Cancel this session? Yes, cancel / Keep it".
#[component]
fn CancelSession(
    booking: BookingId,
    on_cancelled: Callback<Booking>,
    on_stale: Callback<String>,
) -> impl IntoView {
    let auth = use_auth();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let cancel = Action::new_local(move |_: &()| async move {
        match requests::cancel_booking(booking).await {
            Ok(cancelled) => on_cancelled.run(cancelled),
            Err(e) if auth.forget_if_unauthorized(&e) => {}
            Err(e) if e.status() == Some(409) || e.is_not_found() => on_stale.run(e.user_message()),
            Err(e) => {
                error.try_set(Some(e.user_message()));
            }
        }
    });
    let pending = cancel.pending();
    let open_id = format!("session-{booking}-cancel");
    let keep_id = format!("session-{booking}-keep");
    let question_id = format!("session-{booking}-question");

    let ask = {
        let keep_id = keep_id.clone();
        move |_| {
            error.set(None);
            confirming.set(true);
            let keep_id = keep_id.clone();
            request_animation_frame(move || focus_by_id(&keep_id));
        }
    };
    let keep = {
        let open_id = open_id.clone();
        move |_| {
            confirming.set(false);
            let open_id = open_id.clone();
            request_animation_frame(move || focus_by_id(&open_id));
        }
    };

    view! {
        <div class="cancel-session">
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            id=open_id.clone()
                            class="btn btn--secondary btn--small"
                            on:click=ask.clone()
                        >
                            "Cancel"
                        </button>
                    }
                }
            >
                <div class="confirm" role="group" aria-labelledby=question_id.clone()>
                    <p id=question_id.clone() class="confirm__question">
                        "Cancel this session?"
                    </p>
                    <div class="confirm__actions">
                        <button
                            type="button"
                            class="btn btn--danger btn--small"
                            class:is-busy=move || pending.get()
                            disabled=move || pending.get()
                            on:click=move |_| {
                                error.set(None);
                                cancel.dispatch(());
                            }
                        >
                            {move || if pending.get() { "Cancelling…" } else { "Yes, cancel" }}
                        </button>
                        <button
                            type="button"
                            id=keep_id.clone()
                            class="btn btn--secondary btn--small"
                            disabled=move || pending.get()
                            on:click=keep.clone()
                        >
                            "Keep it"
                        </button>
                    </div>
                </div>
            </Show>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
