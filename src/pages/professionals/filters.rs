//! The directory's search box and its specialty and language filters.
//! Searching happens on submit; a filter applies as soon as it is picked.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use tandem_api::profiles::{DirectoryQuery, Specialty, LANGUAGES, QUERY_MAX_CHARS};

use crate::profiles::directory_query::is_filtered;

#[component]
pub(super) fn DirectoryFilters(
    query: Signal<DirectoryQuery>,
    on_change: Callback<DirectoryQuery>,
    clear: Callback<()>,
) -> impl IntoView {
    let text = RwSignal::new(query.with_untracked(|q| q.q.clone().unwrap_or_default()));
    // The box follows the address (back, forward, "Clear").
    Effect::watch(
        move || query.with(|q| q.q.clone()),
        move |q, _, _| text.set(q.clone().unwrap_or_default()),
        false,
    );
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = text.get_untracked();
        let typed = typed.trim();
        let next = DirectoryQuery {
            q: (!typed.is_empty()).then(|| typed.to_owned()),
            ..query.get_untracked()
        };
        on_change.run(next);
    };
    let pick_specialty = move |code: String| {
        on_change.run(DirectoryQuery {
            specialty: Specialty::from_code(&code),
            ..query.get_untracked()
        });
    };
    let pick_language = move |code: String| {
        on_change.run(DirectoryQuery {
            language: (!code.is_empty()).then_some(code),
            ..query.get_untracked()
        });
    };
    view! {
        <form class="directory-filters" role="search" aria-label="Find a professional" on:submit=on_submit>
            <div class="field directory-filters__search">
                <label class="field__label" for="directory-q">
                    "Search"
                </label>
                <p id="directory-q-hint" class="field__hint">
                    "Names, headlines and tags"
                </p>
                <div class="directory-filters__row">
                    <input
                        id="directory-q"
                        class="input"
                        type="search"
                        name="q"
                        maxlength=QUERY_MAX_CHARS.to_string()
                        aria-describedby="directory-q-hint"
                        prop:value=move || text.get()
                        on:input:target=move |ev| text.set(ev.target().value())
                    />
                    <button type="submit" class="btn btn--primary">
                        "Search"
                    </button>
                </div>
            </div>
            <div class="field">
                <label class="field__label" for="directory-specialty">
                    "Specialty"
                </label>
                <select
                    id="directory-specialty"
                    class="input"
                    name="specialty"
                    on:change:target=move |ev| pick_specialty(ev.target().value())
                >
                    <option value="" prop:selected=move || query.with(|q| q.specialty.is_none())>
                        "Any specialty"
                    </option>
                    {Specialty::ALL
                        .iter()
                        .map(|specialty| {
                            let specialty = *specialty;
                            view! {
                                <option
                                    value=specialty.code()
                                    prop:selected=move || query.with(|q| q.specialty == Some(specialty))
                                >
                                    {specialty.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="directory-language">
                    "Language"
                </label>
                <select
                    id="directory-language"
                    class="input"
                    name="language"
                    on:change:target=move |ev| pick_language(ev.target().value())
                >
                    <option value="" prop:selected=move || query.with(|q| q.language.is_none())>
                        "Any language"
                    </option>
                    {LANGUAGES
                        .iter()
                        .map(|(code, name)| {
                            let code = *code;
                            view! {
                                <option
                                    value=code
                                    prop:selected=move || query.with(|q| q.language.as_deref() == Some(code))
                                >
                                    {*name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <Show when=move || query.with(is_filtered)>
                <div class="directory-filters__clear">
                    <button type="button" class="btn btn--ghost" on:click=move |_| clear.run(())>
                        "Clear filters"
                    </button>
                </div>
            </Show>
        </form>
    }
}
