//! The pages the other app draws (the call page for the booking app, every
//! other page for the call app): the browser loads the address from the
//! server, which answers with the app that draws it.

use leptos::prelude::*;

use crate::components::layout::set_page_title;
use crate::pages::not_found::NotFoundPage;
use crate::start;

/// Reloads the current address, which the router has just moved to. If
/// this page was loaded from that very address, the server has no other
/// app for it (a build without the call app): "not found" then, rather
/// than reloading for ever.
#[component]
pub fn LoadFromServer() -> impl IntoView {
    let location = window().location();
    let here = location.pathname().ok();
    if here.is_none() || here == start::loaded_path() {
        return view! { <NotFoundPage /> }.into_any();
    }
    set_page_title(None);
    // Nothing more to do if the browser refuses: the address is already in
    // the address bar.
    let _ = location.reload();
    ().into_any()
}
