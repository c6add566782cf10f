//! `/professionals`: everyone who can be booked, each linking to their
//! page.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::auth::Professional;

use crate::auth::RequireUser;
use crate::booking::requests;
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::routes;

#[component]
pub fn ProfessionalsPage() -> impl IntoView {
    set_page_title(Some("Professionals"));
    view! {
        <section aria-labelledby="professionals-title">
            <RequireUser>
                <DirectoryHeader />
                <Directory />
            </RequireUser>
        </section>
    }
}

/// The page's title and what to do here.
#[component]
pub fn DirectoryHeader() -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1 id="professionals-title">"Professionals"</h1>
                <p class="lead page-header__lead">
                    "Choose a professional to see their free times and book a session."
                </p>
            </div>
        </header>
    }
}

#[component]
fn Directory() -> impl IntoView {
    let directory = Remote::new(|| (), |_| requests::professionals());
    view! { <DirectoryView directory /> }
}

/// The directory as it shows: loading, failed, empty, or the list.
#[component]
pub fn DirectoryView(directory: Remote<(), Vec<Professional>>) -> impl IntoView {
    move || match directory.state() {
        None => view! { <LoadingLine text="Loading professionals…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError
                error
                what="the professionals"
                retry=Callback::new(move |_| directory.retry())
            />
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <div class="empty-state">
                <h2>"No professionals yet"</h2>
                <p class="muted">
                    "When professionals join Tandem and publish their times, they appear here."
                </p>
            </div>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="grid grid--cards" role="list">
                {list
                    .into_iter()
                    .map(|professional| view! { <ProfessionalCard professional /> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
}

#[component]
fn ProfessionalCard(professional: Professional) -> impl IntoView {
    let initials = initials(&professional.full_name);
    view! {
        <li class="card card--interactive card--link professional-card">
            <span class="avatar" aria-hidden="true">
                {initials}
            </span>
            <div>
                <h2 class="card__title">
                    <A href=routes::professional(professional.id) attr:class="card__link">
                        {professional.full_name}
                    </A>
                </h2>
                <p class="card__meta">"See free times"</p>
            </div>
        </li>
    }
}

/// Up to two initials for the avatar: the first letters of the first and
/// last words that start with a letter (`Dr. Maya Okafor` → `MO`).
fn initials(full_name: &str) -> String {
    let words: Vec<&str> = full_name
        .split_whitespace()
        .filter(|word| !word.ends_with('.'))
        .filter(|word| word.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let first_letter = |word: &&str| word.chars().next();
    match words.as_slice() {
        [] => String::new(),
        [only] => first_letter(only)
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect(),
        [first, .., last] => [first_letter(first), first_letter(last)]
            .into_iter()
            .flatten()
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_skip_titles() {
        assert_eq!(initials("Dr. Maya Okafor"), "MO");
        assert_eq!(initials("Leo Brandt"), "LB");
        assert_eq!(initials("ada"), "A");
        assert_eq!(initials("Jean-Luc de la Tour"), "JT");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("Élodie Ünal"), "ÉÜ");
    }
}
