//! A labelled text input with its hint and its error message.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::forms;

/// The state of one text field of a form: what is typed, whether the person
/// has left the field once, and the server's message for it.
#[derive(Debug, Clone, Copy)]
pub struct TextField {
    /// The field's name in the API request (`email`, `full_name`, …): the
    /// server's per-field messages are matched by it.
    pub name: &'static str,
    pub value: RwSignal<String>,
    pub touched: RwSignal<bool>,
    pub server_error: RwSignal<Option<String>>,
    check: fn(&str) -> Option<String>,
}

impl TextField {
    /// A new, empty field checked by `check` (one of [`forms`]' functions).
    pub fn new(name: &'static str, check: fn(&str) -> Option<String>) -> Self {
        Self {
            name,
            value: RwSignal::new(String::new()),
            touched: RwSignal::new(false),
            server_error: RwSignal::new(None),
            check,
        }
    }

    /// The app's own message for the current value (untracked).
    pub fn own_error_untracked(&self) -> Option<String> {
        self.value.with_untracked(|v| (self.check)(v))
    }

    /// The message to show under the field now; `submitted` says whether the
    /// form was submitted at least once.
    pub fn visible_error(&self, submitted: bool) -> Option<String> {
        let own = self.value.with(|v| (self.check)(v));
        forms::visible_error(
            own,
            self.server_error.get(),
            submitted || self.touched.get(),
        )
    }
}

/// Focuses the element with this `id`, if there is one.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// A `<label>`, an `<input class="input">` (or a `<textarea>`, with
/// `rows`) and, when there is one, the error below it (`aria-invalid` on the input, both linked with
/// `aria-describedby`). Editing the field drops the server's message for it;
/// leaving it marks it touched. [`Field`] with a [`TextField`]'s state.
#[component]
pub fn FormField(
    /// The input's `id` (the error's id is derived from it).
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    field: TextField,
    /// Whether the form was submitted at least once: every message shows.
    #[prop(into)]
    submitted: Signal<bool>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// A short line under the label, such as a password rule.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// The field may stay empty (no `required`).
    #[prop(optional)]
    optional: bool,
    /// A `<textarea>` of this many rows instead of an `<input>`.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let error = Memo::new(move |_| field.visible_error(submitted.get()));
    view! {
        <Field
            id
            label
            name=field.name
            value=field.value
            on_input=Callback::new(move |text| {
                field.value.set(text);
                field.server_error.set(None);
            })
            on_blur=Callback::new(move |()| field.touched.set(true))
            error
            hint
            input_type
            autocomplete
            inputmode
            required=!optional
            rows
        />
    }
}

/// The one labelled input every form uses: a `<label>` (with words only
/// screen readers read, when the label alone would be ambiguous), the hint,
/// an `<input class="input">` and the error below it (`aria-invalid` on the
/// input; hint and error linked with `aria-describedby`). The form owns the
/// value and decides the message; [`FormField`] does that for one
/// [`TextField`], forms that check boxes together (a range's start and end)
/// pass their own.
#[component]
pub fn Field(
    /// The input's `id` (the hint's and the error's ids are derived from it).
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    /// Read before the label by screen readers only ("Monday, range 1").
    #[prop(optional, into)]
    label_context: Option<String>,
    /// The input's `name`; its `id` when not given.
    #[prop(optional, into)]
    name: Option<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] on_blur: Option<Callback<()>>,
    /// The message to show under the input now.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional_no_strip)] autocomplete: Option<&'static str>,
    #[prop(optional_no_strip)] inputmode: Option<&'static str>,
    #[prop(optional_no_strip)] min: Option<String>,
    #[prop(optional_no_strip)] max: Option<String>,
    #[prop(default = true)] required: bool,
    /// A `<textarea>` of this many rows instead of an `<input>`.
    #[prop(optional_no_strip)]
    rows: Option<u32>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_error = move || error.with(Option::is_some);
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let ids: Vec<&str> = [
                hint.with(Option::is_some).then_some(hint_id.as_str()),
                has_error().then_some(error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let name = name.unwrap_or_else(|| id.clone());

    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>
                {label_context
                    .map(|context| view! { <span class="visually-hidden">{context} " "</span> })}
                {label}
            </label>
            {move || {
                hint.get().map(|hint| view! { <p id=hint_id.clone() class="field__hint">{hint}</p> })
            }}
            {match rows {
                None => view! {
                    <input
                        class="input"
                        id=id
                        name=name
                        type=input_type
                        autocomplete=autocomplete
                        inputmode=inputmode
                        min=min
                        max=max
                        required=required
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=described_by
                        prop:value=move || value.get()
                        on:input:target=move |ev| on_input.run(ev.target().value())
                        on:blur=move |_| {
                            if let Some(on_blur) = on_blur {
                                on_blur.run(());
                            }
                        }
                    />
                }
                .into_any(),
                Some(rows) => view! {
                    <textarea
                        class="input"
                        id=id
                        name=name
                        rows=rows
                        required=required
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=described_by
                        prop:value=move || value.get()
                        on:input:target=move |ev| on_input.run(ev.target().value())
                        on:blur=move |_| {
                            if let Some(on_blur) = on_blur {
                                on_blur.run(());
                            }
                        }
                    ></textarea>
                }
                .into_any(),
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
}

/// The area above a form's submit button that says why the last attempt
/// failed (`role="alert"`, so it is read out as soon as it appears).
#[component]
pub fn FormAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|message| {
            view! {
                <div class="alert alert--error" role="alert">
                    <p>{message}</p>
                </div>
            }
        })
    }
}

/// A form's submit button: disabled, with a spinner and `busy_label`,
/// while the form's request is in flight.
///
/// Pressing it with a pointer does not take the focus from the field being
/// edited: leaving that field would show its message, move the button down
/// between the press and the release, and lose the click. Submitting shows
/// every message anyway.
#[component]
pub fn SubmitButton(
    #[prop(into)] pending: Signal<bool>,
    label: &'static str,
    busy_label: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="submit"
            class="btn btn--primary btn--block"
            class:is-busy=move || pending.get()
            disabled=move || pending.get()
            on:mousedown=|ev| ev.prevent_default()
        >
            {move || if pending.get() { busy_label } else { label }}
        </button>
    }
}
