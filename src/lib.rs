//! Tandem's single-page app: book a session with a professional and meet
//! them in a verified one-to-one video call.
//!
//! `App` sets up the router; every route renders inside the shared
//! [`components::layout::Layout`] (header with the main navigation, `<main>`,
//! footer). Pages live in [`pages`], one module per page; the HTTP client
//! they use is [`api`].

pub mod api;
pub mod components;
pub mod pages;

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::layout::Layout;
use crate::pages::{home::HomePage, not_found::NotFoundPage};

/// The whole app: the router, the shared layout, and the routes.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                </Routes>
            </Layout>
        </Router>
    }
}
