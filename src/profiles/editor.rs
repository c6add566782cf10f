//! The profile editor's rules: tags typed in one box, and the shared
//! check ([`normalize_profile`]) turned into a message per field.

use tandem_api::profiles::{normalize_profile, InvalidProfile, UpdateProfileRequest};

/// The editor's fields, by their names in the API's request and its
/// `422` answers.
pub const FIELDS: [&str; 5] = ["headline", "about", "specialties", "tags", "languages"];

/// The tags typed in one box, separated by commas (`EMDR, ADHD`); blank
/// ones are left out.
pub fn tags_from_text(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Tags as the box shows them.
pub fn tags_text(tags: &[String]) -> String {
    tags.join(", ")
}

/// The editor field a server's field name belongs to (`tags[2]` → `tags`).
pub fn field_of(server_field: &str) -> Option<&'static str> {
    let base = server_field.split(['[', '.']).next().unwrap_or_default();
    FIELDS.into_iter().find(|field| *field == base)
}

/// The shared check's message for each refused field, in the editor's
/// order.
pub fn check(
    request: &UpdateProfileRequest,
) -> Result<UpdateProfileRequest, Vec<(&'static str, String)>> {
    normalize_profile(request).map_err(|refused| {
        refused
            .into_iter()
            .map(|(field, why): (&'static str, InvalidProfile)| (field, why.to_string()))
            .collect()
    })
}

/// The message for a headline, as the field shows it while typing.
pub fn headline_error(raw: &str) -> Option<String> {
    field_message(
        &UpdateProfileRequest {
            headline: raw.to_owned(),
            ..UpdateProfileRequest::default()
        },
        "headline",
    )
}

/// The message for an about text, as the field shows it while typing.
pub fn about_error(raw: &str) -> Option<String> {
    field_message(
        &UpdateProfileRequest {
            about: raw.to_owned(),
            ..UpdateProfileRequest::default()
        },
        "about",
    )
}

/// The message for tags typed in one box.
pub fn tags_error(raw: &str) -> Option<String> {
    field_message(
        &UpdateProfileRequest {
            tags: tags_from_text(raw),
            ..UpdateProfileRequest::default()
        },
        "tags",
    )
}

fn field_message(request: &UpdateProfileRequest, field: &str) -> Option<String> {
    check(request)
        .err()?
        .into_iter()
        .find(|(name, _)| *name == field)
        .map(|(_, message)| message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::profiles::{Specialty, ABOUT_MAX_CHARS, HEADLINE_MAX_CHARS};

    #[test]
    fn tags_are_split_at_commas() {
        assert_eq!(tags_from_text(" EMDR, ADHD ,, "), ["EMDR", "ADHD"]);
        assert!(tags_from_text("  ").is_empty());
        assert_eq!(tags_text(&tags_from_text("EMDR,ADHD")), "EMDR, ADHD");
    }

    #[test]
    fn server_fields_map_to_editor_fields() {
        assert_eq!(field_of("tags[3]"), Some("tags"));
        assert_eq!(field_of("headline"), Some("headline"));
        assert_eq!(field_of("languages[0]"), Some("languages"));
        assert_eq!(field_of("password"), None);
    }

    #[test]
    fn each_field_has_its_message() {
        assert_eq!(headline_error(&"x".repeat(HEADLINE_MAX_CHARS)), None);
        assert_eq!(
            headline_error(&"x".repeat(HEADLINE_MAX_CHARS + 1)).as_deref(),
            Some("Use at most 80 characters, on one line.")
        );
        assert_eq!(about_error("One.\n\nTwo."), None);
        assert!(about_error(&"y".repeat(ABOUT_MAX_CHARS + 1)).is_some());
        assert_eq!(tags_error("a, b, c, d, e"), None);
        assert_eq!(
            tags_error("a, b, c, d, e, f").as_deref(),
            Some("Use at most 5 tags.")
        );
    }

    #[test]
    fn a_valid_profile_is_trimmed() {
        let request = UpdateProfileRequest {
            headline: " Sleep coach ".into(),
            about: "First.\n\n\nSecond.".into(),
            specialties: vec![Specialty::Sleep],
            tags: tags_from_text("CBT-I"),
            languages: vec!["en".into()],
        };
        let checked = check(&request).unwrap();
        assert_eq!(checked.headline, "Sleep coach");
        assert_eq!(checked.about, "First.\n\nSecond.");
    }
}
