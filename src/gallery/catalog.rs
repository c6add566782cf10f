//! Every state the gallery shows, in order, each at `/gallery/<page>/<state>`.

use leptos::prelude::*;

use super::states;
use crate::routes;

/// One state of one page.
#[derive(Clone, Copy)]
pub struct GalleryState {
    /// The page's part of the address (`call`) and its name ("Call page").
    pub page: &'static str,
    pub page_title: &'static str,
    /// The state's part of the address (`reconnecting`) and its name.
    pub slug: &'static str,
    pub title: &'static str,
    /// Renders the state, made-up signed-in user included.
    pub render: fn() -> AnyView,
}

impl GalleryState {
    /// A maker of the states of one page: `state(slug, title, render)`.
    pub fn of_page(
        page: &'static str,
        page_title: &'static str,
    ) -> impl Fn(&'static str, &'static str, fn() -> AnyView) -> Self {
        move |slug, title, render| Self {
            page,
            page_title,
            slug,
            title,
            render,
        }
    }

    /// `call/reconnecting`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.page, self.slug)
    }

    /// `/gallery/call/reconnecting`.
    pub fn path(&self) -> String {
        format!("{}/{}", routes::GALLERY, self.key())
    }

    /// "Call page: Reconnecting".
    pub fn full_title(&self) -> String {
        format!("{}: {}", self.page_title, self.title)
    }
}

/// Every state, page by page.
pub fn all() -> Vec<GalleryState> {
    [
        states::home::states(),
        states::accounts::states(),
        states::passwords::states(),
        states::verify::states(),
        states::directory::states(),
        states::professional::states(),
        states::profile::states(),
        states::sessions::states(),
        states::session_changes::states(),
        states::availability::states(),
        states::weekly_hours::states(),
        states::call::states(),
        states::account::states(),
    ]
    .concat()
}

/// The state at `page/state`.
pub fn find(key: &str) -> Option<GalleryState> {
    all().into_iter().find(|state| state.key() == key)
}

/// The states as the browser tests list them: one address and name a line.
pub fn test_list() -> String {
    all()
        .iter()
        .map(|state| format!("{}\t{}\n", state.path(), state.full_title()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_state_has_its_own_plain_address() {
        let states = all();
        let keys: HashSet<String> = states.iter().map(GalleryState::key).collect();
        assert_eq!(keys.len(), states.len(), "two states share an address");
        for key in keys {
            assert!(
                key.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '/'),
                "{key}"
            );
        }
    }

    /// The screenshot and accessibility tests photograph every state listed
    /// in `end2end/gallery/states.tsv`. Run with `UPDATE_GALLERY_STATES=1`
    /// to write it again after adding a state.
    #[test]
    fn the_browser_tests_list_every_state() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/end2end/gallery/states.tsv");
        let expected = test_list();
        if std::env::var_os("UPDATE_GALLERY_STATES").is_some() {
            std::fs::write(path, &expected).expect("write the list of states");
        }
        let listed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            listed == expected,
            "end2end/gallery/states.tsv is out of date: run `UPDATE_GALLERY_STATES=1 cargo test -p tandem-web gallery`"
        );
    }

    #[test]
    fn the_minimum_the_designers_asked_for_is_there() {
        for key in [
            "accounts/sign-in-wrong-password",
            "accounts/register-email-taken",
            "directory/empty",
            "directory/loading",
            "directory/long-names",
            "professional/free-times",
            "professional/fully-booked",
            "professional/lost-race",
            "sessions/client",
            "sessions/unverified",
            "sessions/reschedule-picker",
            "sessions/reschedule-confirm",
            "sessions/reschedule-taken",
            "sessions/inside-cutoff",
            "sessions/cancel-reason",
            "sessions/cancelled",
            "availability/slots",
            "call/pre-join",
            "call/waiting",
            "call/connecting",
            "call/connected",
            "call/reconnecting",
            "call/camera-denied",
            "call/rate-limited",
            "call/token-expired",
            "call/audio-only",
            "call/left",
            "home/signed-out",
            "home/client",
            "home/professional",
            "home/unverified",
            "verify/send-link",
            "verify/link-sent",
            "verify/sending-failed",
            "verify/verified",
            "verify/link-accepted",
            "verify/link-refused",
            "account/loaded",
            "account/name-saving",
            "account/name-saved",
            "account/name-to-fix",
            "account/password-wrong",
            "account/delete-confirm",
            "account/reminders-saved",
            "account/feed-shown-once",
            "forgot-password/empty",
            "forgot-password/sent",
            "forgot-password/too-many",
            "reset-password/form",
            "reset-password/too-weak",
            "reset-password/link-refused",
            "reset-password/changed",
        ] {
            assert!(find(key).is_some(), "{key}");
        }
    }
}
