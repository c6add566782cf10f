//! The profile at the top of a professional's page: who they are, what
//! they work on, the languages they speak, what a session costs, and until
//! when a session can be cancelled or moved.

use chrono::Local;
use leptos::prelude::*;
use tandem_api::profiles::{paragraphs, ProfessionalProfile};

use crate::booking::changes::cutoff_policy;
use crate::profiles::labels;

/// The name (the page's heading), the avatar and the headline.
#[component]
pub fn ProfileHeader(professional: ProfessionalProfile) -> impl IntoView {
    let initials = labels::initials(&professional.full_name);
    let headline = professional.headline.trim().to_owned();
    view! {
        <header class="page-header profile-header">
            <div class="profile-header__who">
                <span class="avatar avatar--large" aria-hidden="true">
                    {initials}
                </span>
                <div>
                    <h1 id="professional-title">{professional.full_name}</h1>
                    {(!headline.is_empty())
                        .then(|| view! { <p class="lead profile-header__headline">{headline}</p> })}
                </div>
            </div>
        </header>
    }
}

/// The about text in paragraphs, then the facts as a list of terms.
#[component]
pub fn ProfileDetails(
    professional: ProfessionalProfile,
    /// The viewer's IANA zone, to say when the professional's differs.
    viewer_zone: Option<String>,
) -> impl IntoView {
    let today = Local::now().date_naive();
    let about: Vec<String> = paragraphs(&professional.about).map(str::to_owned).collect();
    let languages = labels::language_names(&professional.languages);
    let sessions = labels::price_and_length(professional.price_cents, professional.session_minutes);
    let next_free = labels::next_free(&Local, professional.next_free, today);
    let zone_note = labels::zone_note(professional.time_zone.as_deref(), viewer_zone.as_deref());
    let specialties = professional.specialties.clone();
    let tags = professional.tags.clone();
    view! {
        <section class="card profile" aria-labelledby="profile-about-title">
            <h2 id="profile-about-title" class="section-title">
                "About"
            </h2>
            {if about.is_empty() {
                view! { <p class="muted">"No description yet."</p> }.into_any()
            } else {
                view! {
                    <div class="profile__about">
                        {about.into_iter().map(|text| view! { <p>{text}</p> }).collect_view()}
                    </div>
                }
                    .into_any()
            }}
            <dl class="profile__facts">
                {(!specialties.is_empty())
                    .then(|| {
                        view! {
                            <div>
                                <dt>"Specialties"</dt>
                                <dd>
                                    <ul class="labels" role="list">
                                        {specialties
                                            .into_iter()
                                            .map(|s| view! { <li class="badge">{s.label()}</li> })
                                            .collect_view()}
                                    </ul>
                                </dd>
                            </div>
                        }
                    })}
                {(!tags.is_empty())
                    .then(|| {
                        view! {
                            <div>
                                <dt>"Also works with"</dt>
                                <dd>
                                    <ul class="labels" role="list">
                                        {tags
                                            .into_iter()
                                            .map(|tag| {
                                                view! { <li class="badge badge--neutral">{tag}</li> }
                                            })
                                            .collect_view()}
                                    </ul>
                                </dd>
                            </div>
                        }
                    })}
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
                <div>
                    <dt>"Availability"</dt>
                    <dd>{next_free}</dd>
                </div>
                <div>
                    <dt>"Changes"</dt>
                    <dd>{cutoff_policy(professional.cancellation_cutoff_hours)}</dd>
                </div>
            </dl>
            {zone_note.map(|note| view! { <p class="muted small profile__zone">{note}</p> })}
        </section>
    }
}
