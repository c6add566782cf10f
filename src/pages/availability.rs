//! `/availability` (professionals): publish a time slot, and see and delete
//! one's own upcoming slots. Clients are told the page is not for them.

use chrono::{Local, NaiveDate, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::auth::Role;
use tandem_api::slots::{CreateSlotRequest, Slot};
use tandem_api::ErrorCode;

use crate::api::ApiError;
use crate::auth::{use_auth, RequireUser};
use crate::booking::money::format_price;
use crate::booking::slot_form::{self, SlotErrors, SlotField, SlotInput};
use crate::booking::{requests, time};
use crate::components::form_field::{focus_by_id, FormAlert, SubmitButton};
use crate::components::layout::set_page_title;
use crate::components::load_state::{ListNotices, LoadError, LoadingLine, Remote};
use crate::components::time_zone::{TimesIn, ViewerZone};
use crate::{forms, routes};

const DATE_ID: &str = "slot-date";
const START_ID: &str = "slot-start";
const END_ID: &str = "slot-end";
const PRICE_ID: &str = "slot-price";

#[component]
pub fn AvailabilityPage() -> impl IntoView {
    set_page_title(Some("Availability"));
    let auth = use_auth();
    let role = Memo::new(move |_| auth.user().map(|user| user.role));
    view! {
        <section aria-labelledby="availability-title">
            <RequireUser>
                {move || match role.get() {
                    Some(Role::Professional) => view! { <Availability /> }.into_any(),
                    Some(Role::Client) => view! { <OnlyForProfessionals /> }.into_any(),
                    None => ().into_any(),
                }}
            </RequireUser>
        </section>
    }
}

#[component]
pub fn OnlyForProfessionals() -> impl IntoView {
    view! {
        <div class="empty-state">
            <h1 id="availability-title">"Availability"</h1>
            <p class="lead">"This page is for professionals"</p>
            <p class="muted">
                "Professionals publish the times they are free here. "
                "To book one of those times, find a professional."
            </p>
            <A href=routes::PROFESSIONALS attr:class="btn btn--primary">
                "Find a professional"
            </A>
        </div>
    }
}

#[component]
fn Availability() -> impl IntoView {
    let today = Local::now().date_naive();
    let own = Remote::new(|| (), |_| requests::own_slots());
    view! { <AvailabilityView own today /> }
}

/// The slot form and the professional's own slots.
#[component]
pub fn AvailabilityView(
    /// The professional's upcoming slots.
    own: Remote<(), Vec<Slot>>,
    /// The viewer's local date.
    today: NaiveDate,
) -> impl IntoView {
    let zone = ViewerZone::current();
    view! {
        <header class="page-header">
            <div>
                <h1 id="availability-title">"Availability"</h1>
                <p class="lead page-header__lead">"Publish the times clients can book."</p>
            </div>
            <TimesIn zone />
        </header>
        <div class="split">
            <section class="card" aria-labelledby="new-slot-title">
                <h2 id="new-slot-title" class="card__title">
                    "Add a time slot"
                </h2>
                <NewSlotForm own today on_created=Callback::new(move |_| own.refresh()) />
            </section>
            <section aria-labelledby="own-slots-title">
                <h2 id="own-slots-title" class="section-title">
                    "Your upcoming slots"
                </h2>
                <OwnSlots own today />
            </section>
        </div>
    }
}

/// One input of the slot form, with its label, hint and message.
#[derive(Debug, Clone, Copy)]
struct Input {
    field: SlotField,
    id: &'static str,
    value: RwSignal<String>,
    touched: RwSignal<bool>,
}

impl Input {
    fn new(field: SlotField, id: &'static str, value: String) -> Self {
        Self {
            field,
            id,
            value: RwSignal::new(value),
            touched: RwSignal::new(false),
        }
    }
}

#[component]
fn NewSlotForm(
    /// The professional's slots, to name the one a refused slot overlaps.
    own: Remote<(), Vec<Slot>>,
    today: NaiveDate,
    on_created: Callback<Slot>,
) -> impl IntoView {
    let auth = use_auth();
    let date = Input::new(SlotField::Date, DATE_ID, time::date_input_value(today));
    let start = Input::new(SlotField::Start, START_ID, String::new());
    let end = Input::new(SlotField::End, END_ID, String::new());
    let price = Input::new(SlotField::Price, PRICE_ID, String::new());
    let inputs = [date, start, end, price];
    let submitted = RwSignal::new(false);
    let server_errors = RwSignal::new(SlotErrors::default());
    let form_error = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<Slot>);

    let checked = Memo::new(move |_| {
        let (d, s, e, p) = (
            date.value.get(),
            start.value.get(),
            end.value.get(),
            price.value.get(),
        );
        let input = SlotInput {
            date: &d,
            start: &s,
            end: &e,
            price: &p,
        };
        slot_form::check(&input, &Local, Utc::now())
            .err()
            .unwrap_or_default()
    });
    let next_day = Memo::new(move |_| {
        let (d, s, e) = (date.value.get(), start.value.get(), end.value.get());
        let input = SlotInput {
            date: &d,
            start: &s,
            end: &e,
            price: "",
        };
        slot_form::next_day_note(&input, today)
    });
    let visible_error = move |input: Input| {
        let own = checked.with(|errors| errors.get(input.field).map(str::to_owned));
        let server = server_errors.with(|errors| errors.get(input.field).map(str::to_owned));
        forms::visible_error(own, server, submitted.get() || input.touched.get())
    };

    let create = Action::new_local(move |request: &CreateSlotRequest| {
        let request = request.clone();
        async move {
            match requests::create_slot(&request).await {
                Ok(slot) => {
                    for input in [start, end] {
                        input.value.try_set(String::new());
                        input.touched.try_set(false);
                    }
                    submitted.try_set(false);
                    created.try_set(Some(slot.clone()));
                    on_created.run(slot);
                }
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) if error.code() == Some(ErrorCode::SlotOverlap) => {
                    let existing = untrack(|| own.state())
                        .and_then(Result::ok)
                        .unwrap_or_default();
                    let message = slot_form::overlap_message(&Local, &request, &existing, today);
                    form_error.try_set(Some(message));
                    // The list may be out of date: another tab, say.
                    own.refresh();
                }
                Err(error) => {
                    let (fields, message) = refusal(&error);
                    server_errors.try_set(fields);
                    form_error.try_set(message);
                }
            }
        }
    });
    let pending = create.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        form_error.set(None);
        created.set(None);
        server_errors.set(SlotErrors::default());
        let values = inputs.map(|input| input.value.get_untracked());
        let input = SlotInput {
            date: &values[0],
            start: &values[1],
            end: &values[2],
            price: &values[3],
        };
        match slot_form::check(&input, &Local, Utc::now()) {
            Ok(request) => {
                create.dispatch(request);
            }
            Err(errors) => {
                if let Some(first) = errors.first() {
                    let id = inputs.iter().find(|i| i.field == first).map(|i| i.id);
                    focus_by_id(id.unwrap_or(DATE_ID));
                }
                // Shown at once, even the time-dependent "must start in the future".
                server_errors.set(errors);
            }
        }
    };

    let field = move |input: Input,
                      label: &'static str,
                      input_type: &'static str,
                      hint: Option<Signal<Option<String>>>,
                      attrs: FieldAttrs| {
        let hint_id = format!("{}-hint", input.id);
        let error_id = format!("{}-error", input.id);
        let has_hint = move || hint.is_some_and(|h| h.with(Option::is_some));
        let error = Memo::new(move |_| visible_error(input));
        let described_by = {
            let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
            move || {
                let ids: Vec<&str> = [
                    has_hint().then_some(hint_id.as_str()),
                    error.with(Option::is_some).then_some(error_id.as_str()),
                ]
                .into_iter()
                .flatten()
                .collect();
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        view! {
            <div class="field">
                <label class="field__label" for=input.id>
                    {label}
                </label>
                <input
                    class="input"
                    id=input.id
                    name=input.id
                    type=input_type
                    required=true
                    min=attrs.min
                    inputmode=attrs.inputmode
                    autocomplete="off"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    prop:value=move || input.value.get()
                    on:input:target=move |ev| {
                        input.value.set(ev.target().value());
                        server_errors.update(|errors| errors.clear(input.field));
                    }
                    on:blur=move |_| input.touched.set(true)
                />
                {move || {
                    hint.and_then(|h| h.get())
                        .map(|text| {
                            view! {
                                <p id=hint_id.clone() class="field__hint">
                                    {text}
                                </p>
                            }
                        })
                }}
                {move || {
                    error
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
        }
    };

    let price_hint = Signal::derive(|| Some("Between $1 and $250.".to_owned()));
    view! {
        <form class="form" novalidate=true on:submit=on_submit>
            {field(
                date,
                "Date",
                "date",
                None,
                FieldAttrs {
                    min: Some(time::date_input_value(today)),
                    inputmode: None,
                },
            )}
            <div class="form-row">
                {field(start, "Start", "time", None, FieldAttrs::default())}
                {field(end, "End", "time", Some(next_day.into()), FieldAttrs::default())}
            </div>
            {field(
                price,
                "Price (USD)",
                "text",
                Some(price_hint),
                FieldAttrs {
                    min: None,
                    inputmode: Some("decimal"),
                },
            )}
            <FormAlert message=form_error />
            <div role="status">
                {move || {
                    created
                        .get()
                        .map(|slot| {
                            view! {
                                <div class="alert alert--success">
                                    <p>
                                        "Slot added: "
                                        {time::when(&Local, slot.start_time, slot.end_time, today)}
                                        " · "
                                        {format_price(slot.price_cents)}
                                    </p>
                                </div>
                            }
                        })
                }}
            </div>
            <div class="form-actions">
                <SubmitButton pending=pending label="Add slot" busy_label="Adding…" />
            </div>
        </form>
    }
}

/// Extra attributes of one input.
#[derive(Debug, Clone, Default)]
struct FieldAttrs {
    min: Option<String>,
    inputmode: Option<&'static str>,
}

/// The server's refusal as messages next to the fields and above the
/// button.
fn refusal(error: &ApiError) -> (SlotErrors, Option<String>) {
    let mut fields = SlotErrors::default();
    let mut unplaced = false;
    if error.code() == Some(ErrorCode::ValidationFailed) {
        for refused in error.field_errors() {
            match SlotField::for_request_field(&refused.field) {
                Some(field) => fields.insert(field, refused.message.clone()),
                None => unplaced = true,
            }
        }
    }
    let message = (fields.is_empty() || unplaced).then(|| error.user_message());
    (fields, message)
}

/// The professional's own slots, soonest first.
#[component]
fn OwnSlots(own: Remote<(), Vec<Slot>>, today: NaiveDate) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let stale = RwSignal::new(None::<String>);
    let on_deleted = Callback::new(move |when: String| {
        stale.set(None);
        status.set(Some(format!("Slot deleted: {when}.")));
        own.refresh();
    });
    let on_stale = Callback::new(move |message: String| {
        status.set(None);
        stale.set(Some(message));
        own.refresh();
    });
    view! {
        <ListNotices status stale />
        {move || match own.state() {
            None => view! { <LoadingLine text="Loading your slots…" /> }.into_any(),
            Some(Err(error)) => {
                view! {
                    <LoadError error what="your slots" retry=Callback::new(move |_| own.retry()) />
                }
                    .into_any()
            }
            Some(Ok(slots)) if slots.is_empty() => {
                view! {
                    <p class="empty-note">
                        "No upcoming slots yet. Add the times you are free with the form."
                    </p>
                }
                    .into_any()
            }
            Some(Ok(slots)) => {
                time::group_by_day(&Local, slots, |slot| slot.start_time)
                    .into_iter()
                    .map(|(day, slots)| {
                        let heading_id = format!("own-slots-{}", time::date_input_value(day));
                        let labelled_by = heading_id.clone();
                        view! {
                            <section class="slot-day" aria-labelledby=labelled_by>
                                <h3 id=heading_id class="slot-day__title">
                                    {time::short_date(day, today)}
                                </h3>
                                <ul class="card-list" role="list">
                                    {slots
                                        .into_iter()
                                        .map(|slot| {
                                            view! { <OwnSlot own_slot=slot today on_deleted on_stale /> }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
        }}
    }
}

#[component]
fn OwnSlot(
    own_slot: Slot,
    today: NaiveDate,
    on_deleted: Callback<String>,
    on_stale: Callback<String>,
) -> impl IntoView {
    let auth = use_auth();
    let slot = own_slot;
    let when = time::when(&Local, slot.start_time, slot.end_time, today);
    let date = time::short_date(time::local_date(&Local, slot.start_time), today);
    let range = time::time_range(&Local, slot.start_time, slot.end_time);
    let when_id = format!("own-slot-{}", slot.id);
    let error = RwSignal::new(None::<String>);
    let delete = {
        let when = when.clone();
        Action::new_local(move |_: &()| {
            let when = when.clone();
            let id = slot.id;
            async move {
                match requests::delete_slot(id).await {
                    Ok(()) => on_deleted.run(when),
                    Err(e) if auth.forget_if_unauthorized(&e) => {}
                    Err(e) if e.status() == Some(409) || e.is_not_found() => {
                        on_stale.run(e.user_message())
                    }
                    Err(e) => {
                        error.try_set(Some(e.user_message()));
                    }
                }
            }
        })
    };
    let pending = delete.pending();
    view! {
        <li class="card slot-row">
            <div class="slot-row__text">
                <p id=when_id.clone() class="slot-row__when">
                    <span class="visually-hidden">{date} ", "</span>
                    {range}
                </p>
                <p class="muted small">{format_price(slot.price_cents)}</p>
            </div>
            {if slot.is_booked {
                view! { <span class="badge badge--success">"Booked"</span> }.into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="btn btn--danger btn--small"
                        class:is-busy=move || pending.get()
                        disabled=move || pending.get()
                        aria-describedby=when_id
                        on:click=move |_| {
                            error.set(None);
                            delete.dispatch(());
                        }
                    >
                        {move || if pending.get() { "Deleting…" } else { "Delete" }}
                    </button>
                }
                    .into_any()
            }}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error slot-row__error" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::{ErrorBody, FieldError};

    fn refused(status: u16, code: ErrorCode, message: &str, fields: &[(&str, &str)]) -> ApiError {
        let mut body = ErrorBody::new(code, message);
        body.error.fields = fields
            .iter()
            .map(|(field, message)| FieldError {
                field: (*field).into(),
                message: (*message).into(),
            })
            .collect();
        ApiError::Server { status, body }
    }

    #[test]
    fn other_refusals_are_said_above_the_button() {
        let error = refused(
            403,
            ErrorCode::Forbidden,
            "Only professionals have availability slots.",
            &[],
        );
        let (fields, message) = refusal(&error);
        assert!(fields.is_empty());
        assert_eq!(
            message.as_deref(),
            Some("Only professionals have availability slots.")
        );
    }

    #[test]
    fn field_refusals_go_next_to_their_fields() {
        let error = refused(
            422,
            ErrorCode::ValidationFailed,
            "Check the form.",
            &[
                ("start_time", "A slot must start in the future."),
                ("price_cents", "The price must be between $1 and $250."),
            ],
        );
        let (fields, message) = refusal(&error);
        assert_eq!(
            fields.get(SlotField::Start),
            Some("A slot must start in the future.")
        );
        assert_eq!(
            fields.get(SlotField::Price),
            Some("The price must be between $1 and $250.")
        );
        assert_eq!(message, None);

        let error = refused(
            422,
            ErrorCode::ValidationFailed,
            "Check the form.",
            &[("somewhere", "Odd.")],
        );
        assert_eq!(refusal(&error).1.as_deref(), Some("Check the form."));
    }
}
