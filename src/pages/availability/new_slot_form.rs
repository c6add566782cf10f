//! The form of `/availability` that publishes one time slot.

use chrono::{Local, NaiveDate, Utc};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::slots::{CreateSlotRequest, Slot};
use tandem_api::ErrorCode;

use crate::api::ApiError;
use crate::auth::use_auth;
use crate::booking::money::format_price;
use crate::booking::slot_form::{self, SlotErrors, SlotField, SlotInput};
use crate::booking::{requests, time};
use crate::components::form_field::{focus_by_id, Field, FormAlert, SubmitButton};
use crate::components::load_state::Remote;
use crate::forms;

const DATE_ID: &str = "slot-date";
const START_ID: &str = "slot-start";
const END_ID: &str = "slot-end";
const PRICE_ID: &str = "slot-price";

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
pub(super) fn NewSlotForm(
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
                      hint: MaybeProp<String>,
                      attrs: FieldAttrs| {
        let error = Memo::new(move |_| visible_error(input));
        view! {
            <Field
                id=input.id
                label
                value=input.value
                on_input=Callback::new(move |text| {
                    input.value.set(text);
                    server_errors.update(|errors| errors.clear(input.field));
                })
                on_blur=Callback::new(move |()| input.touched.set(true))
                error
                hint
                input_type
                autocomplete=Some("off")
                inputmode=attrs.inputmode
                min=attrs.min
            />
        }
    };

    let price_hint = MaybeProp::from("Between $1 and $250.");
    view! {
        <form class="form" novalidate=true on:submit=on_submit>
            {field(
                date,
                "Date",
                "date",
                MaybeProp::default(),
                FieldAttrs {
                    min: Some(time::date_input_value(today)),
                    inputmode: None,
                },
            )}
            <div class="form-row">
                {field(start, "Start", "time", MaybeProp::default(), FieldAttrs::default())}
                {field(end, "End", "time", next_day.into(), FieldAttrs::default())}
            </div>
            {field(
                price,
                "Price (USD)",
                "text",
                price_hint,
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
