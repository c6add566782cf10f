//! Dev builds only: the gallery at `/gallery`, every page in each of its
//! states with made-up data ([`fixtures`]), and no API server or LiveKit
//! behind it. The release build leaves the whole module out.
//!
//! Each state has its own address, `/gallery/<page>/<state>`, which shows
//! it in a frame of the chosen width ([`viewer`]); the frame loads the same
//! address with `?frame`, which renders the state itself inside the site's
//! layout ([`frame`]). The states render the app's own view components
//! ([`states`]), so a component that changes changes here too.

pub mod catalog;
pub mod fixtures;
mod frame;
mod index;
mod states;
pub mod test_pattern;
mod viewer;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::routes;

/// Query parameter: render the state alone (what the viewer's frame loads).
pub const FRAME_PARAM: &str = "frame";
/// Query parameter of the viewer: `phone`, `tablet` or `desktop`.
pub const WIDTH_PARAM: &str = "width";

/// The gallery's own styles (dev builds only, so not in `style/main.css`).
const GALLERY_CSS: &str = include_str!("gallery.css");

/// What a gallery address shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Address {
    Index,
    /// The state of this path (`call/reconnecting`), in the viewer or alone.
    State {
        path: String,
        framed: bool,
    },
}

/// `/gallery` and everything under it.
#[component]
pub fn GalleryPage() -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let address = Memo::new(move |_| {
        let path = location.pathname.get();
        let rest = path
            .strip_prefix(routes::GALLERY)
            .unwrap_or_default()
            .trim_matches('/')
            .to_owned();
        if rest.is_empty() {
            Address::Index
        } else {
            Address::State {
                path: rest,
                framed: query.with(|q| q.get(FRAME_PARAM).is_some()),
            }
        }
    });
    view! {
        <style>{GALLERY_CSS}</style>
        {move || match address.get() {
            Address::Index => view! { <index::GalleryIndex /> }.into_any(),
            Address::State { path, framed } => match catalog::find(&path) {
                Some(state) if framed => view! { <frame::GalleryFrame state /> }.into_any(),
                Some(state) => view! { <viewer::GalleryViewer state /> }.into_any(),
                None => view! { <index::NoSuchState path /> }.into_any(),
            },
        }}
    }
}

/// Whether the site's header and footer step aside: on the gallery's index
/// and around a state's frame, but not in the frame itself.
pub fn hides_site_chrome(path: &str, search: &str) -> bool {
    let in_gallery = path == routes::GALLERY || path.starts_with("/gallery/");
    in_gallery
        && !search
            .split('&')
            .any(|pair| pair.split('=').next() == Some(FRAME_PARAM))
}

/// Whether this address is in the gallery (where no API server is needed).
pub fn is_gallery(path: &str) -> bool {
    path == routes::GALLERY || path.starts_with("/gallery/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_shows_the_whole_page_the_rest_of_the_gallery_does_not() {
        assert!(hides_site_chrome("/gallery", ""));
        assert!(hides_site_chrome("/gallery/call/connected", "width=phone"));
        assert!(!hides_site_chrome("/gallery/call/connected", "frame"));
        assert!(!hides_site_chrome("/gallery/call/connected", "a=1&frame="));
        assert!(!hides_site_chrome("/sessions", ""));
        assert!(!hides_site_chrome("/gallery-x", ""));
    }
}
