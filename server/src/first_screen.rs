//! A professional's page painted from the HTML. Its largest text is the
//! professional's about text, which the app can only draw once its wasm
//! has arrived and run. So, for a signed-in visitor to
//! `/professionals/{id}`, the server writes the top of that page (the way
//! back to the directory, the name, the headline and the about text, with
//! the classes `src/pages/professional.rs` and `profile.rs` draw them
//! with) into the booking app's `index.html` at [`MARKER`]. A phone shows
//! it at once; `style/shell.css` hides it when the app's own page is there.
//!
//! Anything else (no session, no such professional, a database fault, a
//! page without the marker) gets `index.html` as it is, and the app loads
//! the page itself: the first screen is a head start, never a requirement.
//! Nothing is cached: every server process answers from the database.

use crate::auth::CurrentUser;
use crate::html::escape;
use crate::profiles;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::fmt::Write;
use std::path::Path;
use tandem_api::profiles::{initials, paragraphs, ProfessionalProfile};
use tandem_api::UserId;

/// Where in `index.html` the first screen of a professional's page goes.
pub const MARKER: &str = "<!-- first screen of a professional's page -->";

/// The professional whose page `path` is (`/professionals/7` → 7).
pub fn professional_of(path: &str) -> Option<UserId> {
    let id = path.strip_prefix("/professionals/")?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok()
}

/// `index` (the booking app's page) with the top of professional `id`'s
/// page in it, if the request comes from a signed-in person and the
/// professional exists; `None` otherwise.
pub async fn professional_page(
    state: &AppState,
    parts: &mut Parts,
    index: &Path,
    id: UserId,
) -> Option<String> {
    CurrentUser::from_request_parts(parts, state).await.ok()?;
    let professional = match profiles::one(state, id).await {
        Ok(professional) => professional,
        Err(error) => {
            tracing::debug!(%error, %id, "no first screen for this professional's page");
            return None;
        }
    };
    let page = match tokio::fs::read_to_string(index).await {
        Ok(page) => page,
        Err(error) => {
            tracing::warn!(%error, path = %index.display(), "cannot read the app's page");
            return None;
        }
    };
    with_first_screen(&page, &professional)
}

/// `page` with `professional`'s first screen at [`MARKER`]; `None` when the
/// page has no marker.
pub fn with_first_screen(page: &str, professional: &ProfessionalProfile) -> Option<String> {
    let at = page.find(MARKER)?;
    let mut out = String::with_capacity(page.len() + professional.about.len() + 1024);
    out.push_str(&page[..at]);
    out.push_str(&first_screen(professional));
    out.push_str(&page[at + MARKER.len()..]);
    Some(out)
}

/// The top of the page as the app draws it, without the ids the app's own
/// elements carry (both are in the page until the shell is hidden).
fn first_screen(professional: &ProfessionalProfile) -> String {
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

    fn professional(headline: &str, about: &str) -> ProfessionalProfile {
        ProfessionalProfile {
            id: UserId(7),
            full_name: "Dr. Maya <Okafor>".into(),
            headline: headline.into(),
            about: about.into(),
            specialties: vec![],
            tags: vec![],
            languages: vec![],
            time_zone: None,
            session_minutes: None,
            price_cents: None,
            cancellation_cutoff_hours: 24,
            next_free: None,
        }
    }

    #[test]
    fn only_a_professionals_own_address_is_their_page() {
        assert_eq!(professional_of("/professionals/7"), Some(UserId(7)));
        assert_eq!(professional_of("/professionals/"), None);
        assert_eq!(professional_of("/professionals"), None);
        assert_eq!(professional_of("/professionals/7/slots"), None);
        assert_eq!(professional_of("/professionals/-7"), None);
        assert_eq!(professional_of("/professionals/+7"), None);
        assert_eq!(professional_of("/professionals/99999999999999999999"), None);
        assert_eq!(professional_of("/sessions"), None);
    }

    #[test]
    fn the_page_gets_the_name_headline_and_paragraphs_as_text() {
        let page = format!("<body><div class=\"container\">{MARKER}</div></body>");
        let about = "First <b>paragraph</b>.\n\n  Second & last.  \n\n";
        let filled = with_first_screen(&page, &professional("  Couples & families ", about))
            .expect("the page has the marker");
        assert!(!filled.contains(MARKER));
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
        let filled = with_first_screen(MARKER, &professional("", " \n\n ")).expect("marker");
        assert!(!filled.contains("profile-header__headline"));
        assert!(filled.contains("<p class=\"muted\">No description yet.</p>"));
    }

    #[test]
    fn a_page_without_the_marker_gets_none() {
        assert_eq!(
            with_first_screen("<body></body>", &professional("x", "y")),
            None
        );
    }

    #[test]
    fn the_booking_apps_page_has_the_marker_once() {
        let index = include_str!("../../index.html");
        assert_eq!(index.matches(MARKER).count(), 1);
    }
}
