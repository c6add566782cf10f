//! Shown for any address the app has no page for.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::layout::set_page_title;
use crate::routes;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_page_title(Some("Page not found"));
    view! {
        <section class="empty-state" aria-labelledby="not-found-title">
            <h1 id="not-found-title">"Page not found"</h1>
            <p class="lead">
                "There is no page at this address. It may have moved, or the link may be mistyped."
            </p>
            <p>
                <A href=routes::HOME attr:class="btn btn--primary">
                    "Back to the home page"
                </A>
            </p>
        </section>
    }
}
