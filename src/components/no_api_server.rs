//! Dev builds: a notice at the top of every page (outside the gallery)
//! when no API server answers behind `trunk serve`, saying how to start one
//! or where to see the pages without it. Release builds show nothing.

use leptos::prelude::*;

/// "The API server is not running: start it with `cargo xtask dev`, or
/// open the gallery at /gallery", when it is not.
#[component]
pub fn NoApiServerNotice(
    /// Whether this page needs no API server (the gallery).
    #[prop(into)]
    hidden: Signal<bool>,
) -> impl IntoView {
    #[cfg(debug_assertions)]
    {
        let health = LocalResource::new(crate::api::health);
        let missing = move || {
            !hidden.get()
                && health
                    .get()
                    .is_some_and(|answer| answer.is_err_and(|e| e.is_no_api_server()))
        };
        view! {
            <Show when=missing>
                <div class="alert alert--warning dev-notice" role="alert">
                    <div class="container">
                        <p class="alert__title">"The API server is not running"</p>
                        <p>
                            "Start it with " <code>"cargo xtask dev"</code>
                            ", or open the gallery at " <a href="/gallery">"/gallery"</a>
                            " to see every page with made-up data."
                        </p>
                    </div>
                </div>
            </Show>
        }
    }
    #[cfg(not(debug_assertions))]
    {
        let _ = hidden;
    }
}
