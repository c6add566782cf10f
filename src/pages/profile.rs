//! `/profile` (professionals): the public profile clients read in the
//! directory and on the professional's page — headline, about,
//! specialties, tags and languages.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::auth::Role;
use tandem_api::profiles::ProfessionalProfile;

use crate::auth::{use_auth, RequireUser};
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::profiles::requests;
use crate::routes;

mod editor;
mod languages;
pub use editor::{ProfileEditor, ProfileForm};

#[component]
pub fn ProfilePage() -> impl IntoView {
    set_page_title(Some("Your profile"));
    let auth = use_auth();
    let is_professional = Memo::new(move |_| {
        auth.user()
            .is_some_and(|user| user.role == Role::Professional)
    });
    view! {
        <section aria-labelledby="profile-title">
            <RequireUser>
                <ProfileHeader />
                <Show when=move || is_professional.get() fallback=OnlyProfessionals>
                    <OwnProfile />
                </Show>
            </RequireUser>
        </section>
    }
}

/// The page's title and what the profile is for.
#[component]
pub fn ProfileHeader() -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1 id="profile-title">"Your profile"</h1>
                <p class="lead page-header__lead">
                    "What clients read about you in the directory and on your page."
                </p>
            </div>
        </header>
    }
}

#[component]
fn OnlyProfessionals() -> impl IntoView {
    view! {
        <div class="alert alert--info" role="note">
            <p class="alert__title">"Only professionals have a profile"</p>
            <p>
                "Clients find professionals in the "
                <A href=routes::PROFESSIONALS>"directory"</A>
                "."
            </p>
        </div>
    }
}

#[component]
fn OwnProfile() -> impl IntoView {
    let loaded = Remote::new(|| (), |_| requests::own_profile());
    view! { <ProfileView loaded /> }
}

/// The editor as it shows: loading, failed (with Retry), or the form.
#[component]
pub fn ProfileView(loaded: Remote<(), ProfessionalProfile>) -> impl IntoView {
    move || match loaded.state() {
        None => view! { <LoadingLine text="Loading your profile…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError error what="your profile" retry=Callback::new(move |_| loaded.retry()) />
        }
        .into_any(),
        Some(Ok(profile)) => {
            let form = ProfileForm::from_profile(&profile);
            view! { <ProfileEditor profile form /> }.into_any()
        }
    }
}
