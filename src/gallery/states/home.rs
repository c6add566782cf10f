//! The home page: signed out, as a client, a professional and an
//! unverified person, and each thing the service's status line can say.

use leptos::prelude::*;
use tandem_api::auth::User;
use tandem_api::health::ComponentStatus::{Disabled, Down, Up};
use tandem_api::health::Health;

use crate::api::ApiError;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::home::{HomeView, KnownServiceStatus};

const PAGE: &str = "home";
const TITLE: &str = "Home page";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("signed-out", "Signed out", || home(None, ready())),
        state("client", "A client", || {
            home(Some(fixtures::ada()), ready())
        }),
        state("professional", "A professional", || {
            home(Some(fixtures::maya()), ready())
        }),
        state("unverified", "Not verified: the banner", || {
            home(Some(fixtures::sam()), ready())
        }),
        state("checking", "Checking the service", || home(None, None)),
        state("calls-down", "Video calls unavailable", || {
            home(None, Some(Ok(fixtures::health(Up, Down))))
        }),
        state("calls-not-set-up", "Video calls not set up", || {
            home(None, Some(Ok(fixtures::health(Up, Disabled))))
        }),
        state("booking-down", "Booking unavailable", || {
            home(None, Some(Ok(fixtures::health(Down, Up))))
        }),
        state("unreachable", "The service cannot be reached", || {
            home(None, Some(Err(fixtures::unreachable())))
        }),
    ]
}

fn ready() -> Option<Result<Health, ApiError>> {
    Some(Ok(fixtures::health(Up, Up)))
}

fn home(me: Option<User>, health: Option<Result<Health, ApiError>>) -> AnyView {
    show_as(me);
    view! {
        <HomeView>
            <KnownServiceStatus health />
        </HomeView>
    }
    .into_any()
}
