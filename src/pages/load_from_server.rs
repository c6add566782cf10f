//! The pages the other apps draw (see `src/main.rs`, `call_app` and
//! `account_app`): the browser loads the address from the server, which
//! answers with the app that draws it.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::layout::set_page_title;
use crate::pages::not_found::NotFoundPage;
use crate::routes;
use crate::start;

/// Loads the address the router has just moved to from the server. If
/// this page was loaded from that very address, the server has no other
/// app for it (a build without the other apps): "not found" then, rather
/// than loading it again and again.
///
/// The router draws the new route before it writes the address into the
/// address bar, so the address is the router's, and the page is left a
/// moment later, replacing the history entry the router has added by then.
#[component]
pub fn LoadFromServer() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    if start::loaded_path().as_deref() == Some(path.as_str()) {
        return view! { <NotFoundPage /> }.into_any();
    }
    let target = address(
        &path,
        &location.search.get_untracked(),
        &location.hash.get_untracked(),
    );
    set_page_title(None);
    set_timeout(
        move || {
            // Nothing more to do if the browser refuses: the address is in
            // the address bar, and a reload shows its page.
            let _ = window().location().replace(&target);
        },
        Duration::ZERO,
    );
    ().into_any()
}

/// A path, its query string (without `?`) and fragment (with or without
/// `#`) as one address.
fn address(path: &str, search: &str, hash: &str) -> String {
    let mut address = routes::path_and_query(path, search);
    if !hash.is_empty() {
        if !hash.starts_with('#') {
            address.push('#');
        }
        address.push_str(hash);
    }
    address
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn the_address_keeps_query_and_fragment() {
        assert_eq!(address("/account", "", ""), "/account");
        assert_eq!(
            address("/login", "next=%2Fcall%2F3", ""),
            "/login?next=%2Fcall%2F3"
        );
        assert_eq!(address("/profile", "", "#bio"), "/profile#bio");
        assert_eq!(address("/profile", "a=1", "bio"), "/profile?a=1#bio");
    }
}
