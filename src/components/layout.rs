//! The frame around every page: the site header with the main navigation
//! (the signed-in user's pages, and the account links), the verification
//! banner for unverified users, the `<main>` landmark the page renders
//! into, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::nav_main::NavMain;
use crate::components::nav_user::NavUser;
use crate::components::no_api_server::NoApiServerNotice;
use crate::components::verify_prompt::VerifyBanner;
use crate::routes;

const SITE_NAME: &str = "Tandem";

/// The shared page frame. Routes render as its children.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let (in_gallery, bare) = gallery_page();
    view! {
        <div class="site">
            <Show when=move || !bare.get()>
                <header class="site-header">
                    <div class="container site-header__inner">
                        <nav class="site-nav" aria-label="Main">
                            <A href=routes::HOME attr:class="brand">
                                <BrandMark />
                                <span class="brand__name">{SITE_NAME}</span>
                            </A>
                            <NavMain />
                            <NavUser />
                        </nav>
                    </div>
                </header>
                <NoApiServerNotice hidden=in_gallery />
                <VerifyBanner />
            </Show>
            <main id="main" class="site-main">
                <div class="container">{children()}</div>
            </main>
            <Show when=move || !bare.get()>
                <footer class="site-footer">
                    <div class="container site-footer__inner">
                        <p class="site-footer__tagline">
                            "Private one-to-one sessions with verified professionals."
                        </p>
                    </div>
                </footer>
            </Show>
        </div>
    }
}

/// Whether this page is in the gallery (dev builds), and whether the site's
/// header and footer step aside for it (everywhere in the gallery but in
/// the frame that shows a state).
fn gallery_page() -> (Signal<bool>, Signal<bool>) {
    #[cfg(debug_assertions)]
    {
        let location = leptos_router::hooks::use_location();
        let in_gallery =
            Signal::derive(move || crate::gallery::is_gallery(&location.pathname.get()));
        let bare = Signal::derive(move || {
            crate::gallery::hides_site_chrome(&location.pathname.get(), &location.search.get())
        });
        (in_gallery, bare)
    }
    #[cfg(not(debug_assertions))]
    {
        (Signal::stored(false), Signal::stored(false))
    }
}

/// Two overlapping circles: two people, one session. Decorative; the link
/// is named by the text next to it.
#[component]
fn BrandMark() -> impl IntoView {
    view! {
        <svg
            class="brand__mark"
            viewBox="0 0 32 32"
            width="28"
            height="28"
            aria-hidden="true"
            focusable="false"
        >
            <circle cx="12" cy="16" r="9" fill="currentColor" opacity="0.55" />
            <circle cx="20" cy="16" r="9" fill="currentColor" />
        </svg>
    }
}

/// Sets the browser tab's title to "`page` · Tandem", or "Tandem" for `None`.
/// Call it once in a page component's body.
pub fn set_page_title(page: Option<&str>) {
    let title = match page {
        Some(page) => format!("{page} · {SITE_NAME}"),
        None => SITE_NAME.to_owned(),
    };
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&title);
    }
}
