//! The app's own addresses, in one place: the router matches them, links
//! and redirects are built from them.

use leptos_router::StaticSegment;
use tandem_api::{BookingId, UserId};

use crate::api;

pub const HOME: &str = "/";
pub const LOGIN: &str = "/login";
pub const REGISTER: &str = "/register";
pub const VERIFY: &str = "/verify";
/// Asking for a password reset link.
pub const FORGOT_PASSWORD: &str = "/forgot-password";
/// Where the emailed reset link leads (`?token=…`).
pub const RESET_PASSWORD: &str = "/reset-password";
/// The signed-in person's own account.
pub const ACCOUNT: &str = "/account";
/// Everyone who can be booked; `/professionals/:id` is one of them.
pub const PROFESSIONALS: &str = "/professionals";
/// The signed-in user's sessions, upcoming and past.
pub const SESSIONS: &str = "/sessions";
/// A professional's own slots.
pub const AVAILABILITY: &str = "/availability";
/// A professional's own public profile, to edit.
pub const PROFILE: &str = "/profile";
/// The video call of a booking is `/call/:booking_id`.
pub const CALL: &str = "/call";
/// Dev builds: every page in each of its states, `/gallery/<page>/<state>`.
pub const GALLERY: &str = "/gallery";

/// Route parameter of `/call/:booking_id`.
pub const BOOKING_ID_PARAM: &str = "booking_id";

/// Route parameter of `/professionals/:id`.
pub const PROFESSIONAL_ID_PARAM: &str = "id";

/// Query parameter of [`LOGIN`]: where to go once signed in.
pub const NEXT_PARAM: &str = "next";
/// Query parameter of [`VERIFY`] and [`RESET_PASSWORD`]: the token from
/// the emailed link.
pub const TOKEN_PARAM: &str = "token";

/// One professional's page: their free times, and booking one.
pub fn professional(id: UserId) -> String {
    format!("{PROFESSIONALS}/{id}")
}

/// The video call of a booking.
pub fn call(booking: BookingId) -> String {
    format!("{CALL}/{booking}")
}

/// A route path as the router matches it (`StaticSegment("/login")`).
pub fn segment(path: &'static str) -> StaticSegment<&'static str> {
    StaticSegment(path)
}

/// The sign-in page, coming back to `next` (a path and query) afterwards.
pub fn login_then(next: &str) -> String {
    let next = safe_next(Some(next));
    if next == HOME {
        LOGIN.to_owned()
    } else {
        api::with_query(LOGIN, &[(NEXT_PARAM, &next)])
    }
}

/// Where to send someone after signing in, given the `next` they arrived
/// with. Only a path on this site is accepted: it must start with exactly
/// one `/` (`//host` and `/\host` lead to other sites), and hold no
/// whitespace or control characters (browsers drop those, which could turn
/// it into one of the former). The sign-in and sign-up pages themselves, and
/// anything else, mean the home page.
pub fn safe_next(raw: Option<&str>) -> String {
    let Some(next) = raw else {
        return HOME.to_owned();
    };
    let on_this_site = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_whitespace() || c.is_control());
    if !on_this_site || is_guest_page(next) {
        return HOME.to_owned();
    }
    next.to_owned()
}

/// The sign-in and sign-up pages, whatever their query or fragment.
fn is_guest_page(path_and_query: &str) -> bool {
    let path = path_and_query
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    path == LOGIN || path == REGISTER
}

/// A path and a query string (without its `?`) joined into one address.
pub fn path_and_query(path: &str, search: &str) -> String {
    if search.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{search}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_on_this_site_are_kept() {
        for next in [
            "/",
            "/verify",
            "/sessions?cursor=abc",
            "/professionals/3",
            "/call/9#x",
            "/verify?token=a%2Fb",
        ] {
            assert_eq!(safe_next(Some(next)), next);
        }
    }

    #[test]
    fn other_sites_and_odd_values_mean_home() {
        for next in [
            "",
            "verify",
            "//evil.example.com",
            "///evil.example.com",
            "/\\evil.example.com",
            "\\/evil.example.com",
            "https://evil.example.com/",
            "javascript:alert(1)",
            "/\t/evil.example.com",
            "/\n/evil.example.com",
            "/ /evil.example.com",
            " /verify",
        ] {
            assert_eq!(safe_next(Some(next)), HOME, "{next:?}");
        }
        assert_eq!(safe_next(None), HOME);
    }

    #[test]
    fn the_sign_in_pages_never_come_back_to_themselves() {
        for next in ["/login", "/login?next=/verify", "/register/", "/register#x"] {
            assert_eq!(safe_next(Some(next)), HOME, "{next:?}");
        }
        assert_eq!(safe_next(Some("/login-help")), "/login-help");
    }

    #[test]
    fn the_sign_in_link_carries_the_page_to_come_back_to() {
        assert_eq!(login_then("/verify"), "/login?next=%2Fverify");
        assert_eq!(
            login_then("/sessions?cursor=a+b&x=1"),
            "/login?next=%2Fsessions%3Fcursor%3Da%2Bb%26x%3D1"
        );
        assert_eq!(login_then("/"), "/login");
        assert_eq!(login_then("//evil.example.com"), "/login");
    }

    #[test]
    fn pages_with_an_id() {
        assert_eq!(professional(UserId(12)), "/professionals/12");
        assert_eq!(call(BookingId(7)), "/call/7");
    }

    #[test]
    fn path_and_query_join() {
        assert_eq!(path_and_query("/verify", ""), "/verify");
        assert_eq!(
            path_and_query("/sessions", "cursor=2"),
            "/sessions?cursor=2"
        );
    }
}
