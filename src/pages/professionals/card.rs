//! One professional in the directory: initials, name (the link to their
//! page), headline, specialties, languages, price and length, next free
//! time in the viewer's zone.

use chrono::Local;
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::profiles::ProfessionalProfile;

use crate::profiles::labels;
use crate::routes;

#[component]
pub(super) fn ProfessionalCard(professional: ProfessionalProfile) -> impl IntoView {
    let today = Local::now().date_naive();
    let initials = labels::initials(&professional.full_name);
    let headline = professional.headline.trim().to_owned();
    let languages = labels::language_names(&professional.languages);
    let sessions = labels::price_and_length(professional.price_cents, professional.session_minutes);
    let next_free = labels::next_free(&Local, professional.next_free, today);
    let has_free_time = professional.next_free.is_some();
    let specialties = professional.specialties.clone();
    view! {
        <li class="card card--interactive card--link professional-card">
            <span class="avatar" aria-hidden="true">
                {initials}
            </span>
            <div class="professional-card__body">
                <h2 class="card__title">
                    <A href=routes::professional(professional.id) attr:class="card__link">
                        {professional.full_name.clone()}
                    </A>
                </h2>
                {(!headline.is_empty())
                    .then(|| view! { <p class="professional-card__headline">{headline}</p> })}
                {(!specialties.is_empty())
                    .then(|| {
                        view! {
                            <ul class="labels" role="list" aria-label="Specialties">
                                {specialties
                                    .into_iter()
                                    .map(|s| view! { <li class="badge">{s.label()}</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })}
                <dl class="professional-card__facts">
                    {(!languages.is_empty())
                        .then(|| {
                            view! {
                                <div>
                                    <dt>"Languages"</dt>
                                    <dd>{languages}</dd>
                                </div>
                            }
                        })}
                    {sessions
                        .map(|sessions| {
                            view! {
                                <div>
                                    <dt>"Sessions"</dt>
                                    <dd>{sessions}</dd>
                                </div>
                            }
                        })}
                </dl>
                <p class="professional-card__next" class:is-none=!has_free_time>
                    {next_free}
                </p>
            </div>
        </li>
    }
}
