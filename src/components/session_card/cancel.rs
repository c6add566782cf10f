//! "Cancel this session?" on a session card: an optional reason for the
//! other person (at most 500 characters, counted), then "Yes, cancel" or
//! "Keep it".

use leptos::prelude::*;
use tandem_api::bookings::{Booking, CancelBookingRequest};
use tandem_api::validation::{normalize_cancel_reason, CANCEL_REASON_MAX_CHARS};
use tandem_api::BookingId;

use super::{CardState, CardStep, ChangeIds};
use crate::auth::use_auth;
use crate::booking::changes::{reason_error, refusal, Refusal};
use crate::booking::requests;
use crate::components::form_field::{focus_by_id, FormAlert};

#[component]
pub(super) fn CancelPanel(
    booking: BookingId,
    /// The other person's name: who is told the reason.
    other: String,
    state: CardState,
    ids: ChangeIds,
    on_changed: Callback<Booking>,
    on_stale: Callback<String>,
    /// Back to rest, from this step.
    on_close: Callback<CardStep>,
) -> impl IntoView {
    let auth = use_auth();
    let CardState {
        reason,
        cancel_error: error,
        ..
    } = state;
    let cancel = Action::new_local(move |request: &CancelBookingRequest| {
        let request = request.clone();
        async move {
            match requests::cancel_booking(booking, &request).await {
                Ok(cancelled) => on_changed.run(cancelled),
                Err(e) if auth.forget_if_unauthorized(&e) => {}
                Err(e) => match refusal(&e) {
                    Refusal::Stale(message) => on_stale.run(message),
                    Refusal::Taken | Refusal::Here(_) => {
                        error.try_set(Some(e.user_message()));
                    }
                },
            }
        }
    });
    let pending = cancel.pending();
    let too_long = Memo::new(move |_| reason.with(|r| reason_error(r)));
    let count = Memo::new(move |_| reason.with(|r| r.trim().chars().count()));
    let question_id = ids.part("cancel-question");
    let labelled_by = question_id.clone();
    let hint_id = ids.part("reason-hint");
    let count_id = ids.part("reason-count");
    let error_id = ids.part("reason-error");
    let described_by = {
        let (hint_id, count_id, error_id) = (hint_id.clone(), count_id.clone(), error_id.clone());
        move || {
            let mut ids = format!("{hint_id} {count_id}");
            if too_long.with(Option::is_some) {
                ids.push(' ');
                ids.push_str(&error_id);
            }
            ids
        }
    };
    let reason_id = ids.reason.clone();
    let send = move |_| {
        if pending.get_untracked() {
            return;
        }
        error.set(None);
        let raw = reason.get_untracked();
        let Ok(reason) = normalize_cancel_reason(Some(&raw)) else {
            focus_by_id(&reason_id);
            return;
        };
        cancel.dispatch(CancelBookingRequest { reason });
    };

    view! {
        <div class="change-panel" role="group" aria-labelledby=labelled_by>
            <p id=question_id class="change-panel__title">
                "Cancel this session?"
            </p>
            <div class="field">
                <label class="field__label" for=ids.reason.clone()>
                    "Reason (optional)"
                </label>
                <p id=hint_id class="field__hint">
                    {format!("{other} is told why.")}
                </p>
                <textarea
                    id=ids.reason.clone()
                    class="input"
                    name="reason"
                    rows="3"
                    aria-invalid=move || too_long.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    prop:value=move || reason.get()
                    on:input:target=move |ev| reason.set(ev.target().value())
                ></textarea>
                <p id=count_id class="field__hint counter" class:is-over=move || too_long.with(Option::is_some)>
                    {move || format!("{} / {CANCEL_REASON_MAX_CHARS} characters", count.get())}
                </p>
                {move || {
                    too_long
                        .get()
                        .map(|message| {
                            view! {
                                <p id=error_id.clone() class="field__error">
                                    {message}
                                </p>
                            }
                        })
                }}
            </div>
            <FormAlert message=error />
            <div class="confirm__actions">
                <button
                    type="button"
                    class="btn btn--danger btn--small"
                    class:is-busy=move || pending.get()
                    disabled=move || pending.get()
                    on:click=send
                >
                    {move || if pending.get() { "Cancelling…" } else { "Yes, cancel" }}
                </button>
                <button
                    type="button"
                    class="btn btn--secondary btn--small"
                    disabled=move || pending.get()
                    on:click=move |_| {
                        error.set(None);
                        on_close.run(CardStep::Cancelling);
                    }
                >
                    "Keep it"
                </button>
            </div>
        </div>
    }
}
