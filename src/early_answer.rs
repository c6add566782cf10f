//! Answers the page asked for before the app ran.
//!
//! Every page's app starts by asking `GET /api/auth/me` (who is signed
//! in), and draws nothing until it has the answer; then the page asks for
//! its data. The inline script of each app's HTML (`index.html`,
//! `call.html`, `account.html`) sends the first of those requests while
//! the HTML is parsed, next to the wasm's download: who is signed in, and
//! in `index.html` the data that `/professionals`, `/professionals/:id`
//! (with today's free times) and `/sessions` draw first. It keeps their
//! promises in `window.tandemEarly` under their paths. [`take`] hands such
//! a promise over once; the first [`crate::api::get`] of that path uses it
//! instead of asking again, so the answer is there when the app starts
//! rather than round trips later.
//!
//! They are answers for the address the browser loaded, at that moment:
//! once the app goes to another address (to the sign-in page it was sent
//! to, say, and back after signing in), [`ForgetOnNavigation`] drops those
//! not taken yet.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The property of `window` that holds the early requests by path.
const EARLY: &str = "tandemEarly";

/// The answer of the early request for `path`, if the page sent one and it
/// has not been taken yet. `None` also when it failed (the script turns a
/// network error into `null`): the caller then asks again itself.
pub async fn take(path: &str) -> Option<web_sys::Response> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &JsValue::from_str(EARLY)).ok()?;
    if !early.is_object() {
        return None;
    }
    let key = JsValue::from_str(path);
    let promise = js_sys::Reflect::get(&early, &key).ok()?;
    // Once: a later request of the same path must see a later state.
    js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key).ok()?;
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// Drops the early answers not taken yet when the app first goes to
/// another address (path or query). Inside the router.
#[component]
pub fn ForgetOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |ran_before: Option<()>| {
        location.pathname.track();
        location.search.track();
        if ran_before.is_some() {
            forget_all();
        }
    });
}

fn forget_all() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str(EARLY));
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use tandem_api::bookings::BookingScope;
    use tandem_api::profiles::DirectoryQuery;
    use tandem_api::{paths, UserId};

    use crate::booking::requests::{bookings_path, professional_slots_path};
    use crate::profiles::directory_query::api_path;

    const INDEX_HTML: &str = include_str!("../index.html");
    /// The pages of the other apps (the call's, the account's).
    const OTHER_APPS_HTML: [&str; 2] = [
        include_str!("../call.html"),
        include_str!("../account.html"),
    ];

    fn asked_early(path: &str) -> bool {
        INDEX_HTML.contains(&format!("askEarly(\"{path}\")"))
    }

    #[test]
    fn index_html_asks_for_what_the_pages_ask_first() {
        assert!(asked_early(paths::AUTH_ME));
        assert!(asked_early(&api_path(&DirectoryQuery::default())));
        assert!(asked_early(&bookings_path(BookingScope::Upcoming, None)));
        assert!(asked_early(&bookings_path(BookingScope::Past, None)));
        let profile = paths::professional(UserId(42));
        let prefix = profile.strip_suffix("42").expect("the id ends the path");
        assert!(
            INDEX_HTML.contains(&format!("askEarly(\"{prefix}\" + professional[1])")),
            "index.html does not ask for {profile} early"
        );
    }

    #[test]
    fn the_other_apps_ask_who_is_signed_in_early() {
        let ask = format!("askEarly(\"{}\")", paths::AUTH_ME);
        for html in OTHER_APPS_HTML {
            assert!(html.contains(&ask));
        }
    }

    #[test]
    fn index_html_asks_for_todays_free_times_as_the_professional_page_does() {
        // The script joins the pieces as below, with encodeURIComponent for
        // the zone: the page's path for the same day and zone must match.
        let date = NaiveDate::from_ymd_opt(2026, 3, 9).expect("a date");
        let asked = format!(
            "{}/slots?date=2026-03-09&tz=America%2FArgentina%2FBuenos_Aires",
            paths::professional(UserId(42))
        );
        assert_eq!(
            professional_slots_path(UserId(42), date, "America/Argentina/Buenos_Aires"),
            asked
        );
        for piece in [
            "askEarly(\"/api/professionals/\" + professional[1] + \"/slots?date=\" + today + \"&tz=\" + encodeURIComponent(zone))",
            "now.getFullYear() + \"-\" + two(now.getMonth() + 1) + \"-\" + two(now.getDate())",
        ] {
            assert!(INDEX_HTML.contains(piece), "index.html lacks {piece}");
        }
    }
}
