//! One state alone, inside the site's layout: what the viewer's frame
//! loads, and what the screenshot tests photograph.

use leptos::prelude::*;
use tandem_api::auth::User;

use super::catalog::GalleryState;
use crate::auth::use_auth;
use crate::components::layout::set_page_title;

#[component]
pub fn GalleryFrame(state: GalleryState) -> impl IntoView {
    set_page_title(Some(state.title));
    (state.render)()
}

/// Shows the state to `user` (or signed out): the header, the banner and
/// the pages read the signed-in user from the app's own context. Leaving
/// the state forgets the made-up user and asks the server who is signed in.
pub fn show_as(user: Option<User>) {
    let auth = use_auth();
    auth.set_user(user);
    on_cleanup(move || {
        auth.set_user(None);
        auth.refresh();
    });
}
