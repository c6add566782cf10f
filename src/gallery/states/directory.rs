//! The directory of professionals: loading, failed, empty, full, and with
//! names as long as they come.

use leptos::prelude::*;
use tandem_api::auth::Professional;

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
            directory(Some(Ok(fixtures::directory())))
        }),
        state("long-names", "Long names", || {
            directory(Some(Ok(fixtures::directory_long_names())))
        }),
        state("empty", "Nobody yet", || directory(Some(Ok(Vec::new())))),
        state("loading", "Loading", || directory(None)),
        state("failed", "Could not load", || {
            directory(Some(Err(fixtures::refusal(
                503,
                tandem_api::ErrorCode::ServiceUnavailable,
                "Tandem is temporarily unavailable. Please try again in a few minutes.",
            ))))
        }),
    ]
}

fn directory(answer: Option<Result<Vec<Professional>, ApiError>>) -> AnyView {
    show_as(Some(fixtures::ada()));
    let directory = Remote::fixed((), answer);
    view! {
        <section aria-labelledby="professionals-title">
            <DirectoryHeader />
            <DirectoryView directory />
        </section>
    }
    .into_any()
}
