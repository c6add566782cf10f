//! `/gallery`: every state, page by page, each a link to its own address.

use leptos::prelude::*;
use leptos_router::components::A;

use super::catalog::{self, GalleryState};
use crate::components::layout::set_page_title;
use crate::routes;

#[component]
pub fn GalleryIndex() -> impl IntoView {
    set_page_title(Some("Gallery"));
    let states = catalog::all();
    let mut pages: Vec<(&'static str, &'static str, Vec<GalleryState>)> = Vec::new();
    for state in states {
        match pages.last_mut() {
            Some((page, _, list)) if *page == state.page => list.push(state),
            _ => pages.push((state.page, state.page_title, vec![state])),
        }
    }
    view! {
        <div class="gallery">
            <header class="gallery__header">
                <h1>"Gallery"</h1>
                <p class="lead">
                    "Every page of Tandem in each of its states, with made-up data and no server behind it. "
                    "Each state has its own address to share; its page frames it at phone, tablet or desktop width."
                </p>
                <p>
                    <A href=routes::HOME>"Back to the app"</A>
                </p>
            </header>
            {pages
                .into_iter()
                .map(|(page, title, states)| {
                    let heading_id = format!("gallery-{page}");
                    let labelled_by = heading_id.clone();
                    view! {
                        <section class="gallery__group" aria-labelledby=labelled_by>
                            <h2 id=heading_id>{title}</h2>
                            <ul class="gallery__list" role="list">
                                {states
                                    .into_iter()
                                    .map(|state| {
                                        view! {
                                            <li>
                                                <A href=state.path()>{state.title}</A>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// An address under `/gallery` that names no state.
#[component]
pub fn NoSuchState(path: String) -> impl IntoView {
    set_page_title(Some("Gallery"));
    view! {
        <div class="gallery">
            <h1>"No such state"</h1>
            <p>"The gallery has no state at " <code>{format!("/gallery/{path}")}</code> "."</p>
            <p>
                <A href=routes::GALLERY>"See every state"</A>
            </p>
        </div>
    }
}
