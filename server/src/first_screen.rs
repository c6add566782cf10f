//! The first screen of the apps' pages, finished by the server for a
//! signed-in visitor. Each app's page (`index.html`, `call.html`,
//! `account.html`) paints the top of the page before the wasm arrives (its
//! `.app-shell`, `style/shell.css`), but it cannot know who is signed in,
//! and the server can:
//!
//! - **The header** ([`SIGNED_IN_HEADER`]): a signed-in person's header has
//!   their role's links, their name, Account and Sign out, which wrap onto
//!   rows of their own on a phone. The server writes those lists in,
//!   invisible (`visibility: hidden`: the room is kept, the app shows
//!   them), so the page under the header does not move down when the app
//!   draws it. The markup is that of `src/components/nav_main.rs` and
//!   `nav_user.rs`, without links that would work before the app does.
//! - **The verification banner** ([`VERIFY_BANNER`]): for someone who has
//!   not verified their email address yet, the banner the app shows under
//!   the header (`src/components/verify_prompt.rs`), with its link.
//! - **A professional's page** ([`PROFESSIONAL_PAGE`]): its largest text
//!   is the professional's about text, which the app can only draw once
//!   its wasm has run. The server writes the top of that page in (the way
//!   back to the directory, the name, the headline and the about text,
//!   with the classes `src/pages/professional.rs` and `profile.rs` draw
//!   them with), so a phone shows it at once.
//! - **A call's page** ([`CALL_PAGE`], in the call app's page): its
//!   largest text before joining is its heading, "Session with …", which
//!   the app draws once it has the booking. For a verified participant the
//!   server writes that heading (with the classes of `CallHeader` in
//!   `src/pages/call.rs`).
//!
//! Anything else (no session, no such professional, a call the person is
//! not part of, a database fault, a page without the markers) gets the page as it is, and the app draws
//! what is missing: the first screen is a head start, never a requirement.
//! Nothing is cached: every server process answers from the database.

use crate::auth::CurrentUser;
use crate::bookings;
use crate::html::escape;
use crate::profiles::{self, repo::StoredProfile};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::fmt::Write;
use std::path::Path;
use std::str::FromStr;
use tandem_api::auth::{Role, User};
use tandem_api::bookings::Booking;
use tandem_api::profiles::{initials, paragraphs};
use tandem_api::{BookingId, UserId};

/// Where in an app's page a signed-in person's header lists go.
pub const SIGNED_IN_HEADER: &str = "<!-- signed-in header -->";
/// Where in an app's page the banner for an unverified person goes.
pub const VERIFY_BANNER: &str = "<!-- verify banner -->";
/// What that banner says: `VERIFY_MESSAGE` of `src/components/verify_prompt.rs`
/// (a test there checks they agree).
pub const VERIFY_MESSAGE: &str = "Verify your account to join video calls.";
/// Where in `index.html` the first screen of a professional's page goes.
pub const PROFESSIONAL_PAGE: &str = "<!-- first screen of a professional's page -->";

/// Where in the call app's page the top of a call's page goes.
pub const CALL_PAGE: &str = "<!-- first screen of a call -->";

/// The main links each role sees, in order: those of
/// `src/components/nav_main.rs` (a test there checks they agree).
pub const CLIENT_LINKS: [&str; 2] = ["Professionals", "Sessions"];
pub const PROFESSIONAL_LINKS: [&str; 3] = ["Availability", "Profile", "Sessions"];

/// The professional whose page `path` is (`/professionals/7` → 7).
pub fn professional_of(path: &str) -> Option<UserId> {
    id_after(path, "/professionals/")
}

/// The booking whose call `path` is (`/call/7` → 7).
pub fn call_of(path: &str) -> Option<BookingId> {
    id_after(path, "/call/")
}

/// The id that is all of `path` after `prefix`: digits only.
fn id_after<Id: FromStr>(path: &str, prefix: &str) -> Option<Id> {
    let id = path.strip_prefix(prefix)?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok()
}

/// An app's page (`index`) for the address `path`, finished for the person
/// the request comes from; `None` when nobody is signed in or the page
/// cannot be finished (then it is served as built).
pub async fn page_for_request(
    state: &AppState,
    parts: &mut Parts,
    index: &Path,
    path: &str,
) -> Option<String> {
    let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await.ok()?;
    let page = match tokio::fs::read_to_string(index).await {
        Ok(page) => page,
        Err(error) => {
            tracing::warn!(%error, path = %index.display(), "cannot read the app's page");
            return None;
        }
    };
    let page = with_signed_in_header(&page, &user)?;
    if let Some(id) = professional_of(path) {
        return match profiles::written(state, id).await {
            Ok(professional) => with_professional_page(&page, &professional).or(Some(page)),
            Err(error) => {
                tracing::debug!(%error, %id, "no first screen for this professional's page");
                Some(page)
            }
        };
    }
    if let Some(id) = call_of(path).filter(|_| user.verified) {
        return match bookings::one(state, user.id, id).await {
            Ok(booking) => with_call_page(&page, &booking, user.id).or(Some(page)),
            Err(error) => {
                tracing::debug!(%error, %id, "no first screen for this call's page");
                Some(page)
            }
        };
    }
    Some(page)
}

/// `page` with the heading of `booking`'s call, as `me` sees it, at
/// [`CALL_PAGE`].
pub fn with_call_page(page: &str, booking: &Booking, me: UserId) -> Option<String> {
    let html = format!(
        "<section class=\"app-shell__page app-shell__page--call call-page\">\
         <header class=\"page-header\"><div><p class=\"eyebrow\">Video call</p>\
         <h1>Session with {}</h1></div></header></section>",
        escape(&booking.counterpart(me).full_name)
    );
    replace_marker(page, CALL_PAGE, &html)
}

/// `page` with `marker` replaced by `html`; `None` when it has no marker.
fn replace_marker(page: &str, marker: &str, html: &str) -> Option<String> {
    let at = page.find(marker)?;
    let mut out = String::with_capacity(page.len() + html.len());
    out.push_str(&page[..at]);
    out.push_str(html);
    out.push_str(&page[at + marker.len()..]);
    Some(out)
}

/// `page` with `user`'s header lists at [`SIGNED_IN_HEADER`], and when
/// they are not verified the banner at [`VERIFY_BANNER`].
pub fn with_signed_in_header(page: &str, user: &User) -> Option<String> {
    let page = replace_marker(page, SIGNED_IN_HEADER, &signed_in_header(user))?;
    if user.verified {
        return Some(page);
    }
    replace_marker(&page, VERIFY_BANNER, &verify_banner()).or(Some(page))
}

/// The banner as the app draws it, its link working before the app runs.
fn verify_banner() -> String {
    format!(
        "<div class=\"verify-banner\"><div class=\"container\"><div class=\"verify-prompt\">\
         <p class=\"verify-prompt__text\">{VERIFY_MESSAGE}</p>\
         <a href=\"/verify\" class=\"btn btn--primary btn--small\">Verify now</a></div></div></div>"
    )
}

/// The header's lists as the app draws them for `user`, kept invisible.
fn signed_in_header(user: &User) -> String {
    let links: &[&str] = match user.role {
        Role::Client => &CLIENT_LINKS,
        Role::Professional => &PROFESSIONAL_LINKS,
    };
    let mut html = String::from(
        "<ul class=\"nav-links nav-main app-shell__signed-in\" role=\"list\" aria-hidden=\"true\">",
    );
    for label in links {
        let _ = write!(html, "<li><span class=\"nav-link\">{label}</span></li>");
    }
    let _ = write!(
        html,
        "</ul><ul class=\"nav-links nav-user app-shell__signed-in\" role=\"list\" aria-hidden=\"true\">\
         <li class=\"nav-user__name\">{}</li><li><span class=\"nav-link\">Account</span></li>\
         <li><span class=\"btn btn--secondary btn--small\">Sign out</span></li></ul>",
        escape(&user.full_name)
    );
    html
}

/// `page` with `professional`'s first screen at [`PROFESSIONAL_PAGE`].
pub fn with_professional_page(page: &str, professional: &StoredProfile) -> Option<String> {
    replace_marker(page, PROFESSIONAL_PAGE, &professional_page(professional))
}

/// The top of the page as the app draws it, without the ids the app's own
/// elements carry (both are in the page until the shell is hidden).
fn professional_page(professional: &StoredProfile) -> String {
    let mut html = String::from(
        "<section class=\"app-shell__page app-shell__page--professional\">\
         <p class=\"back-link\"><a href=\"/professionals\">All professionals</a></p>\
         <header class=\"page-header profile-header\"><div class=\"profile-header__who\">",
    );
    let _ = write!(
        html,
        "<span class=\"avatar avatar--large\" aria-hidden=\"true\">{}</span><div><h1>{}</h1>",
        escape(&initials(&professional.full_name)),
        escape(&professional.full_name),
    );
    let headline = professional.headline.trim();
    if !headline.is_empty() {
        let _ = write!(
            html,
            "<p class=\"lead profile-header__headline\">{}</p>",
            escape(headline)
        );
    }
    html.push_str(
        "</div></div></header>\
         <section class=\"card profile\"><h2 class=\"section-title\">About</h2>",
    );
    let mut about = paragraphs(&professional.about).peekable();
    if about.peek().is_none() {
        html.push_str("<p class=\"muted\">No description yet.</p>");
    } else {
        html.push_str("<div class=\"profile__about\">");
        for paragraph in about {
            let _ = write!(html, "<p>{}</p>", escape(paragraph));
        }
        html.push_str("</div>");
    }
    html.push_str("</section></section>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn professional(headline: &str, about: &str) -> StoredProfile {
        StoredProfile {
            full_name: "Dr. Maya <Okafor>".into(),
            headline: headline.into(),
            about: about.into(),
            ..StoredProfile::default()
        }
    }

    #[test]
    fn only_a_pages_own_address_names_a_professional_or_a_call() {
        assert_eq!(professional_of("/professionals/7"), Some(UserId(7)));
        assert_eq!(professional_of("/professionals/"), None);
        assert_eq!(professional_of("/professionals"), None);
        assert_eq!(professional_of("/professionals/7/slots"), None);
        assert_eq!(professional_of("/professionals/-7"), None);
        assert_eq!(professional_of("/professionals/+7"), None);
        assert_eq!(professional_of("/professionals/99999999999999999999"), None);
        assert_eq!(call_of("/call/12"), Some(BookingId(12)));
        assert_eq!(call_of("/call/"), None);
        assert_eq!(call_of("/call/12/x"), None);
        assert_eq!(call_of("/call/abc"), None);
        assert_eq!(professional_of("/sessions"), None);
    }

    #[test]
    fn the_page_gets_the_name_headline_and_paragraphs_as_text() {
        let page = format!("<body><div class=\"container\">{PROFESSIONAL_PAGE}</div></body>");
        let about = "First <b>paragraph</b>.\n\n  Second & last.  \n\n";
        let filled = with_professional_page(&page, &professional("  Couples & families ", about))
            .expect("the page has the marker");
        assert!(!filled.contains(PROFESSIONAL_PAGE));
        assert!(filled.starts_with("<body><div class=\"container\"><section "));
        assert!(filled.ends_with("</section></div></body>"));
        assert!(filled.contains("<h1>Dr. Maya &lt;Okafor&gt;</h1>"));
        // The same initials as the app: words that start with a letter.
        assert!(filled.contains(">M</span>"));
        assert!(filled
            .contains("<p class=\"lead profile-header__headline\">Couples &amp; families</p>"));
        assert!(filled.contains(
            "<div class=\"profile__about\"><p>First &lt;b&gt;paragraph&lt;/b&gt;.</p><p>Second &amp; last.</p></div>"
        ));
        assert!(!filled.contains("<b>"));
    }

    #[test]
    fn an_empty_profile_says_so_as_the_app_does() {
        let filled =
            with_professional_page(PROFESSIONAL_PAGE, &professional("", " \n\n ")).expect("marker");
        assert!(!filled.contains("profile-header__headline"));
        assert!(filled.contains("<p class=\"muted\">No description yet.</p>"));
    }

    #[test]
    fn a_page_without_the_marker_gets_none() {
        assert_eq!(
            with_professional_page("<body></body>", &professional("x", "y")),
            None
        );
    }

    fn user(name: &str, role: Role) -> User {
        User {
            id: UserId(3),
            email: "a@example.com".into(),
            full_name: name.into(),
            role,
            verified: true,
        }
    }

    #[test]
    fn the_header_has_the_roles_links_and_the_name_as_text() {
        let page = format!("<nav><span>Tandem</span>{SIGNED_IN_HEADER}</nav>");
        let client = with_signed_in_header(&page, &user("Ada <b>", Role::Client)).expect("marker");
        assert!(client.starts_with("<nav><span>Tandem</span><ul class=\"nav-links nav-main"));
        assert!(client.ends_with("</ul></nav>"));
        assert!(client.contains("<li class=\"nav-user__name\">Ada &lt;b&gt;</li>"));
        let links = |page: &str| page.matches("class=\"nav-link\"").count();
        // The role's links, and Account.
        assert_eq!(links(&client), 3);
        assert!(client.contains(">Professionals</span>"));
        let pro = with_signed_in_header(&page, &user("Maya", Role::Professional)).expect("marker");
        assert_eq!(links(&pro), 4);
        assert!(pro.contains(">Availability</span>"));
        // Room kept, nothing shown, nothing to follow before the app runs.
        assert_eq!(client.matches("aria-hidden=\"true\"").count(), 2);
        assert!(!client.contains("href"));
    }

    #[test]
    fn only_an_unverified_person_gets_the_verify_banner() {
        let page = format!("<nav>{SIGNED_IN_HEADER}</nav>{VERIFY_BANNER}<main></main>");
        let verified = with_signed_in_header(&page, &user("Ada", Role::Client)).expect("marker");
        assert!(!verified.contains("verify-banner"));
        let mut unverified = user("Sam", Role::Client);
        unverified.verified = false;
        let unverified = with_signed_in_header(&page, &unverified).expect("marker");
        assert!(!unverified.contains(VERIFY_BANNER));
        assert!(unverified.contains(&format!(">{VERIFY_MESSAGE}</p>")));
        assert!(unverified.contains("<a href=\"/verify\""));
        assert!(unverified.ends_with("</div></div></div><main></main>"));
    }

    #[test]
    fn the_booking_apps_page_has_each_marker_once() {
        let index = include_str!("../../index.html");
        assert_eq!(index.matches(PROFESSIONAL_PAGE).count(), 1);
        assert_eq!(index.matches(SIGNED_IN_HEADER).count(), 1);
        assert_eq!(index.matches(VERIFY_BANNER).count(), 1);
        let call = include_str!("../../call.html");
        for marker in [SIGNED_IN_HEADER, VERIFY_BANNER, CALL_PAGE] {
            assert_eq!(call.matches(marker).count(), 1, "{marker}");
        }
        let account = include_str!("../../account.html");
        for marker in [SIGNED_IN_HEADER, VERIFY_BANNER] {
            assert_eq!(account.matches(marker).count(), 1, "{marker}");
        }
    }
}
