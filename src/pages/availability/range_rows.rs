//! The ranges of one day as rows of "From" and "To" boxes with a Remove
//! button: a weekday of the weekly hours, or the hours of a date override.

use leptos::prelude::*;

use crate::availability::week::{Part, RangeDraft};
use crate::components::form_field::Field;

/// What a row's boxes and button report to the form that owns the day.
#[derive(Clone, Copy)]
pub struct RangeEvents {
    /// A box was changed: the range's key, which box, the new text.
    pub edit: Callback<(u32, Part, String)>,
    /// A box was left.
    pub leave: Callback<u32>,
    pub remove: Callback<u32>,
    /// The message to show under a box now, if any.
    pub message: Callback<(u32, Part), Option<String>>,
}

#[component]
pub fn RangeRows(
    /// Starts the boxes' ids (`hours-monday` → `hours-monday-3-start`).
    #[prop(into)]
    id_prefix: String,
    /// Whose ranges, for screen readers ("Monday" → "Monday range 1 From").
    #[prop(into)]
    context: String,
    #[prop(into)] ranges: Signal<Vec<RangeDraft>>,
    events: RangeEvents,
) -> impl IntoView {
    view! {
        <ul class="range-list" role="list">
            <For
                each=move || ranges.get().into_iter().enumerate()
                // A row is made again when its position changes, so that its
                // name ("range 2") stays true.
                key=|(index, range)| (*index, range.key)
                children=move |(index, range)| {
                    let (id_prefix, context) = (id_prefix.clone(), context.clone());
                    view! { <RangeRow id_prefix context index key=range.key ranges events /> }
                }
            />
        </ul>
    }
}

#[component]
fn RangeRow(
    id_prefix: String,
    context: String,
    index: usize,
    key: u32,
    ranges: Signal<Vec<RangeDraft>>,
    events: RangeEvents,
) -> impl IntoView {
    let label_context = format!("{context} range {}", index + 1);
    let text = move |part: Part| {
        Signal::derive(move || {
            ranges.with(|ranges| {
                ranges
                    .iter()
                    .find(|r| r.key == key)
                    .map(|r| r.text(part).to_owned())
                    .unwrap_or_default()
            })
        })
    };
    let field = |part: Part, label: &'static str| {
        let suffix = match part {
            Part::Start => "start",
            Part::End => "end",
        };
        view! {
            <Field
                id=format!("{id_prefix}-{key}-{suffix}")
                label
                label_context=label_context.clone()
                value=text(part)
                on_input=Callback::new(move |value| events.edit.run((key, part, value)))
                on_blur=Callback::new(move |()| events.leave.run(key))
                error=Signal::derive(move || events.message.run((key, part)))
                input_type="time"
            />
        }
    };
    view! {
        <li class="range-row">
            {field(Part::Start, "From")}
            {field(Part::End, "To")}
            <button
                type="button"
                class="btn btn--ghost btn--small range-row__remove"
                on:click=move |_| events.remove.run(key)
            >
                "Remove"
                <span class="visually-hidden">{format!(" {label_context}")}</span>
            </button>
        </li>
    }
}
