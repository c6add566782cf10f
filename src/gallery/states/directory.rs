//! The directory of professionals: loading, failed, empty, full, filtered
//! (to some and to nobody), and with names as long as they come.

use leptos::prelude::*;
use tandem_api::profiles::{DirectoryPage, DirectoryQuery, Specialty};

use crate::api::ApiError;
use crate::components::load_state::Remote;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::professionals::{DirectoryHeader, DirectoryView};

const PAGE: &str = "directory";
const TITLE: &str = "Professionals";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("list", "Everyone", || {
            directory(DirectoryQuery::default(), Some(Ok(fixtures::directory())))
        }),
        state("filtered", "Filtered by specialty and language", || {
            let mut page = fixtures::directory();
            page.items
                .retain(|p| p.specialties.contains(&Specialty::Anxiety));
            directory(anxiety_in_german(), Some(Ok(page)))
        }),
        state("filtered-empty", "Nobody matches the filters", || {
            let query = DirectoryQuery {
                q: Some("hypnosis".into()),
                ..anxiety_in_german()
            };
            directory(query, Some(Ok(empty())))
        }),
        state("long-names", "Long names, more to show", || {
            directory(
                DirectoryQuery::default(),
                Some(Ok(fixtures::directory_long_names())),
            )
        }),
        state("empty", "Nobody yet", || {
            directory(DirectoryQuery::default(), Some(Ok(empty())))
        }),
        state("loading", "Loading", || {
            directory(DirectoryQuery::default(), None)
        }),
        state("failed", "Could not load", || {
            directory(
                DirectoryQuery::default(),
                Some(Err(fixtures::refusal(
                    503,
                    tandem_api::ErrorCode::ServiceUnavailable,
                    "Tandem is temporarily unavailable. Please try again in a few minutes.",
                ))),
            )
        }),
    ]
}

fn anxiety_in_german() -> DirectoryQuery {
    DirectoryQuery {
        specialty: Some(Specialty::Anxiety),
        language: Some("de".into()),
        ..DirectoryQuery::default()
    }
}

fn empty() -> DirectoryPage {
    DirectoryPage {
        items: Vec::new(),
        next_cursor: None,
    }
}

fn directory(query: DirectoryQuery, answer: Option<Result<DirectoryPage, ApiError>>) -> AnyView {
    show_as(Some(fixtures::ada()));
    let shown = RwSignal::new(query.clone());
    let first = Remote::fixed(query, answer);
    // The gallery has no address to change: the filters change what shows.
    let on_change = Callback::new(move |next: DirectoryQuery| shown.set(next));
    view! {
        <section aria-labelledby="professionals-title">
            <DirectoryHeader />
            <DirectoryView query=shown on_change first />
        </section>
    }
    .into_any()
}
