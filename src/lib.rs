//! Tandem's single-page app: book a session with a professional and meet
//! them in a verified one-to-one video call.
//!
//! `App` provides the [`auth::Auth`] context (who is signed in) and sets up
//! the router; every route renders inside the shared
//! [`components::layout::Layout`] (header with the main navigation, the
//! verification banner, `<main>`, footer). Pages live in [`pages`], one
//! module per page, at the addresses in [`routes`]; the HTTP client they use
//! is [`api`]. Dev builds add the gallery at `/gallery` (`gallery`, every
//! page in each of its states with made-up data), which release builds
//! leave out.

pub mod account;
pub mod account_app;
pub mod api;
pub mod app_frame;
pub mod auth;
pub mod availability;
pub mod booking;
pub mod call;
pub mod call_app;
pub mod components;
pub mod early_answer;
pub mod forms;
#[cfg(debug_assertions)]
pub mod gallery;
pub mod livekit;
pub mod pages;
pub mod profiles;
pub mod routes;
pub mod start;

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Routes},
    path, ParamSegment, WildcardSegment,
};

use crate::app_frame::AppFrame;
use crate::pages::gallery::GalleryPage;
use crate::pages::{
    forgot_password::ForgotPasswordPage, home::HomePage, login::LoginPage, not_found::NotFoundPage,
    professional::ProfessionalPage, professionals::ProfessionalsPage, register::RegisterPage,
    reset_password::ResetPasswordPage, sessions::SessionsPage, verify::VerifyPage,
};
use crate::routes::segment;

// The pages of the other apps: in release builds the call app (`call_app`)
// and the account app (`account_app`) draw them, served for their
// addresses, so that the booking pages do not download them; in dev builds
// this app draws them too, so that `trunk serve` previews every page.
#[cfg(not(debug_assertions))]
use crate::pages::load_from_server::{
    LoadFromServer as AccountRoute, LoadFromServer as AvailabilityRoute,
    LoadFromServer as CallRoute, LoadFromServer as ProfileRoute,
};
#[cfg(debug_assertions)]
use crate::pages::{
    account::AccountPage as AccountRoute, availability::AvailabilityPage as AvailabilityRoute,
    call::CallPage as CallRoute, profile::ProfilePage as ProfileRoute,
};

/// The whole app: the booking pages' routes in the [`AppFrame`] (until it
/// knows who is signed in, `index.html`'s first screen stays).
#[component]
pub fn App() -> impl IntoView {
    view! {
        <AppFrame>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=segment(routes::LOGIN) view=LoginPage />
                        <Route path=segment(routes::REGISTER) view=RegisterPage />
                        // Signed in only, except when opened from the emailed link.
                        <Route path=segment(routes::VERIFY) view=VerifyPage />
                        // Anyone: a forgotten password, and the emailed link.
                        <Route path=segment(routes::FORGOT_PASSWORD) view=ForgotPasswordPage />
                        <Route path=segment(routes::RESET_PASSWORD) view=ResetPasswordPage />
                        // Signed in only (the page's RequireUser).
                        <Route path=segment(routes::ACCOUNT) view=AccountRoute />
                        // Signed in only (each page's RequireUser).
                        <Route path=segment(routes::PROFESSIONALS) view=ProfessionalsPage />
                        <Route
                            path=(
                                segment(routes::PROFESSIONALS),
                                ParamSegment(routes::PROFESSIONAL_ID_PARAM),
                            )
                            view=ProfessionalPage
                        />
                        <Route path=segment(routes::SESSIONS) view=SessionsPage />
                        <Route path=segment(routes::AVAILABILITY) view=AvailabilityRoute />
                        <Route path=segment(routes::PROFILE) view=ProfileRoute />
                        <Route
                            path=(segment(routes::CALL), ParamSegment(routes::BOOKING_ID_PARAM))
                            view=CallRoute
                        />
                        // Dev builds only (release builds answer "not found").
                        <Route path=segment(routes::GALLERY) view=GalleryPage />
                        <Route
                            path=(segment(routes::GALLERY), WildcardSegment("state"))
                            view=GalleryPage
                        />
                    </Routes>
        </AppFrame>
    }
}
