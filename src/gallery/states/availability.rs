//! A professional's availability: their slots, none yet, loading, and the
//! page as a client finds it.

use leptos::prelude::*;
use tandem_api::slots::Slot;

use super::weekly_hours::{page, Parts};
use crate::api::ApiError;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::availability::OnlyForProfessionals;

const PAGE: &str = "availability";
const TITLE: &str = "Availability";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("slots", "Upcoming slots", || {
            availability(Some(Ok(fixtures::own_slots())))
        }),
        state("empty", "No slots yet", || {
            availability(Some(Ok(Vec::new())))
        }),
        state("loading", "Loading", || availability(None)),
        state("for-clients", "Seen by a client", || {
            show_as(Some(fixtures::ada()));
            view! {
                <section aria-labelledby="availability-title">
                    <OnlyForProfessionals />
                </section>
            }
            .into_any()
        }),
    ]
}

fn availability(answer: Option<Result<Vec<Slot>, ApiError>>) -> AnyView {
    page(Parts {
        own: answer,
        ..Parts::default()
    })
}
