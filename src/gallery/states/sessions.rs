//! The sessions page: upcoming and past, cancelled ones, the verify prompt
//! instead of call buttons, empty lists, loading and failing.

use leptos::prelude::*;
use tandem_api::auth::User;
use tandem_api::bookings::Booking;

use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::sessions::{ListState, SessionSource, SessionsView};

const PAGE: &str = "sessions";
const TITLE: &str = "Sessions";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("client", "A client's sessions", || {
            sessions(
                fixtures::ada(),
                ready(fixtures::upcoming_sessions()),
                ready(fixtures::past_sessions()),
            )
        }),
        state("professional", "A professional's sessions", || {
            sessions(
                fixtures::maya(),
                ready(fixtures::upcoming_sessions()),
                ready(fixtures::past_sessions()),
            )
        }),
        state("unverified", "Not verified: the verify prompt", || {
            let sam = fixtures::sam();
            let upcoming = fixtures::with_client(fixtures::upcoming_sessions(), &sam);
            let past = fixtures::with_client(fixtures::past_sessions(), &sam);
            sessions(sam, ready(upcoming), ready(past))
        }),
        state("empty-client", "No sessions yet (client)", || {
            sessions(fixtures::ada(), ready(Vec::new()), ready(Vec::new()))
        }),
        state(
            "empty-professional",
            "No sessions yet (professional)",
            || sessions(fixtures::maya(), ready(Vec::new()), ready(Vec::new())),
        ),
        state("loading", "Loading", || {
            sessions(
                fixtures::ada(),
                SessionSource::fixed(Vec::new(), ListState::Loading),
                SessionSource::fixed(Vec::new(), ListState::Loading),
            )
        }),
        state("failed", "Could not load", || {
            let failed = || {
                SessionSource::fixed(
                    Vec::new(),
                    ListState::Failed(fixtures::refusal(
                        500,
                        tandem_api::ErrorCode::Internal,
                        "Something went wrong on our side. Please try again.",
                    )),
                )
            };
            sessions(fixtures::ada(), failed(), failed())
        }),
    ]
}

pub(super) fn ready(items: Vec<Booking>) -> SessionSource {
    SessionSource::fixed(items, ListState::Ready)
}

pub(super) fn sessions(me: User, upcoming: SessionSource, past: SessionSource) -> AnyView {
    show_as(Some(me.clone()));
    let now = Signal::stored(fixtures::now());
    let today = fixtures::today();
    view! {
        <section aria-labelledby="sessions-title">
            <SessionsView me now today upcoming past />
        </section>
    }
    .into_any()
}
