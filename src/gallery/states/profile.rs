//! The profile editor of professionals: loading, failed, empty, filled,
//! and with the fields the server refused.

use leptos::prelude::*;
use tandem_api::profiles::ProfessionalProfile;

use crate::api::ApiError;
use crate::components::load_state::Remote;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::fixtures::profiles::{maya_profile, new_profile};
use crate::gallery::frame::show_as;
use crate::pages::profile::{ProfileEditor, ProfileForm, ProfileHeader, ProfileView};

const PAGE: &str = "profile";
const TITLE: &str = "Your profile";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("empty", "Nothing written yet", || {
            editor(new_profile(), |_| {})
        }),
        state("filled", "Filled in", || editor(maya_profile(), |_| {})),
        state("field-errors", "Fields to fix", || {
            editor(maya_profile(), |form| {
                form.submitted.set(true);
                form.headline.value.set(format!(
                    "{} — and everything else I do, gladly and calmly",
                    maya_profile().headline
                ));
                form.tags
                    .value
                    .set("CBT, Insomnia, Shift work, EMDR, ADHD, Grief".into());
                form.refuse(
                    "languages",
                    "Pick languages from the list (ISO 639-1 codes such as \"en\").".into(),
                );
            })
        }),
        state("save-failed", "Saving failed", || {
            editor(maya_profile(), |form| {
                form.form_error
                    .set(Some(fixtures::unreachable().user_message()));
                form.retryable.set(true);
            })
        }),
        state("saved", "Saved", || {
            editor(maya_profile(), |form| form.saved.set(true))
        }),
        state("loading", "Loading", || loaded(None)),
        state("failed", "Could not load", || {
            loaded(Some(Err(fixtures::refusal(
                503,
                tandem_api::ErrorCode::ServiceUnavailable,
                "Tandem is temporarily unavailable. Please try again in a few minutes.",
            ))))
        }),
    ]
}

fn editor(profile: ProfessionalProfile, setup: fn(&ProfileForm)) -> AnyView {
    show_as(Some(fixtures::maya()));
    let form = ProfileForm::from_profile(&profile);
    setup(&form);
    view! {
        <section aria-labelledby="profile-title">
            <ProfileHeader />
            <ProfileEditor profile form />
        </section>
    }
    .into_any()
}

fn loaded(answer: Option<Result<ProfessionalProfile, ApiError>>) -> AnyView {
    show_as(Some(fixtures::maya()));
    let loaded = Remote::fixed((), answer);
    view! {
        <section aria-labelledby="profile-title">
            <ProfileHeader />
            <ProfileView loaded />
        </section>
    }
    .into_any()
}
