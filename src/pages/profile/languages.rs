//! The languages of a profile: the chosen ones, each with a Remove button,
//! and a list to add another from.

use leptos::prelude::*;
use tandem_api::profiles::{language_name, LANGUAGES, LANGUAGES_MAX};

use super::editor::LANGUAGES_ID;

#[component]
pub(super) fn LanguagePicker(
    languages: RwSignal<Vec<String>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let full = Memo::new(move |_| languages.with(|l| l.len() >= LANGUAGES_MAX));
    let add = move |code: String| {
        if code.is_empty() {
            return;
        }
        error.set(None);
        languages.update(|list| {
            if !list.contains(&code) && list.len() < LANGUAGES_MAX {
                list.push(code);
            }
        });
    };
    let described_by = move || {
        if error.with(Option::is_some) {
            "profile-languages-hint profile-languages-error"
        } else {
            "profile-languages-hint"
        }
    };
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend">"Languages"</legend>
            <p id="profile-languages-hint" class="field__hint">
                {format!("The languages you hold sessions in, up to {LANGUAGES_MAX}.")}
            </p>
            {move || {
                let chosen = languages.get();
                if chosen.is_empty() {
                    return view! { <p class="muted small">"No languages chosen yet."</p> }.into_any();
                }
                view! {
                    <ul class="labels labels--removable" role="list" aria-label="Chosen languages">
                        {chosen
                            .into_iter()
                            .map(|code| {
                                let name = language_name(&code).unwrap_or(&code).to_owned();
                                let label = format!("Remove {name}");
                                view! {
                                    <li class="badge">
                                        {name}
                                        <button
                                            type="button"
                                            class="btn btn--ghost btn--small labels__remove"
                                            on:click=move |_| {
                                                languages.update(|list| list.retain(|c| *c != code));
                                            }
                                        >
                                            <span aria-hidden="true">"×"</span>
                                            <span class="visually-hidden">{label}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <div class="field">
                <label class="field__label" for=LANGUAGES_ID>
                    "Add a language"
                </label>
                <select
                    id=LANGUAGES_ID
                    class="input"
                    disabled=move || full.get()
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    on:change:target=move |ev| {
                        let select = ev.target();
                        add(select.value());
                        select.set_value("");
                    }
                >
                    <option value="" prop:selected=true>
                        "Choose a language"
                    </option>
                    {LANGUAGES
                        .iter()
                        .map(|(code, name)| {
                            let code = *code;
                            view! {
                                <option
                                    value=code
                                    disabled=move || languages.with(|l| l.iter().any(|c| c == code))
                                >
                                    {*name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {move || {
                    error
                        .get()
                        .map(|message| {
                            view! {
                                <p id="profile-languages-error" class="field__error">
                                    {message}
                                </p>
                            }
                        })
                }}
            </div>
        </fieldset>
    }
}
