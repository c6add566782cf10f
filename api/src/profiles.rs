//! Professionals' public profiles and the directory clients choose from.

use crate::ids::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub const HEADLINE_MAX_CHARS: usize = 80;
pub const ABOUT_MAX_CHARS: usize = 2_000;
pub const TAGS_MAX: usize = 5;
pub const TAG_MAX_CHARS: usize = 30;
pub const LANGUAGES_MAX: usize = 10;
/// Professionals per page of `GET /api/professionals`.
pub const DIRECTORY_PAGE_SIZE: usize = 20;
/// The longest search text `q` the directory takes.
pub const QUERY_MAX_CHARS: usize = 100;

macro_rules! specialties {
    ($($variant:ident => $code:literal, $label:literal;)*) => {
        /// The fixed list a professional picks specialties from.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum Specialty {
            $($variant,)*
        }

        impl Specialty {
            pub const ALL: &'static [Self] = &[$(Self::$variant,)*];

            /// The code in JSON and in the database.
            pub fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)*
                }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

specialties! {
    Anxiety => "anxiety", "Anxiety";
    Depression => "depression", "Depression";
    Relationships => "relationships", "Relationships";
    Trauma => "trauma", "Trauma";
    Stress => "stress", "Stress and burnout";
    Grief => "grief", "Grief";
    Addiction => "addiction", "Addiction";
    Sleep => "sleep", "Sleep";
    Parenting => "parenting", "Parenting";
    CareerCoaching => "career_coaching", "Career coaching";
    LifeCoaching => "life_coaching", "Life coaching";
    Nutrition => "nutrition", "Nutrition";
    GeneralPractice => "general_practice", "General practice";
    Dermatology => "dermatology", "Dermatology";
    Paediatrics => "paediatrics", "Paediatrics";
    Physiotherapy => "physiotherapy", "Physiotherapy";
}

/// The ISO 639-1 languages a profile can list, with their English names.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("ar", "Arabic"),
    ("bg", "Bulgarian"),
    ("bn", "Bengali"),
    ("ca", "Catalan"),
    ("cs", "Czech"),
    ("cy", "Welsh"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("et", "Estonian"),
    ("eu", "Basque"),
    ("fa", "Persian"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("ga", "Irish"),
    ("gl", "Galician"),
    ("gu", "Gujarati"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("hr", "Croatian"),
    ("hu", "Hungarian"),
    ("hy", "Armenian"),
    ("id", "Indonesian"),
    ("is", "Icelandic"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("ka", "Georgian"),
    ("kk", "Kazakh"),
    ("ko", "Korean"),
    ("lt", "Lithuanian"),
    ("lv", "Latvian"),
    ("mk", "Macedonian"),
    ("ml", "Malayalam"),
    ("mr", "Marathi"),
    ("ms", "Malay"),
    ("mt", "Maltese"),
    ("nl", "Dutch"),
    ("no", "Norwegian"),
    ("pa", "Punjabi"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sq", "Albanian"),
    ("sr", "Serbian"),
    ("sv", "Swedish"),
    ("sw", "Swahili"),
    ("ta", "Tamil"),
    ("te", "Telugu"),
    ("th", "Thai"),
    ("tl", "Tagalog"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("vi", "Vietnamese"),
    ("yo", "Yoruba"),
    ("zh", "Chinese"),
    ("zu", "Zulu"),
];

/// The English name of an ISO 639-1 code this list knows.
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, name)| *name)
}

/// `PUT /api/profile` (professionals only) → 200 [`ProfessionalProfile`];
/// `GET /api/profile` → 200 the same, the caller's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateProfileRequest {
    /// Trimmed; at most 80 characters, one line.
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub headline: String,
    /// Plain text; paragraphs are separated by a blank line. At most 2,000
    /// characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub about: String,
    #[serde(default)]
    pub specialties: Vec<Specialty>,
    /// Up to 5 free words, e.g. "ADHD", each at most 30 characters.
    #[serde(default)]
    pub tags: Vec<String>,
    /// ISO 639-1 codes, e.g. `["en", "de"]`.
    #[serde(default)]
    pub languages: Vec<String>,
}

/// `GET /api/professionals/{id}` → 200: one professional as clients see
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfessionalProfile {
    pub id: UserId,
    pub full_name: String,
    pub headline: String,
    pub about: String,
    pub specialties: Vec<Specialty>,
    pub tags: Vec<String>,
    pub languages: Vec<String>,
    /// The zone of the professional's hours; absent before they set any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// From the weekly hours' rules; absent before they set any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_minutes: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_cents: Option<i64>,
    /// Until how many hours before the start a client may cancel or
    /// reschedule (0: until the start); shown before booking.
    #[serde(default)]
    pub cancellation_cutoff_hours: u16,
    /// The soonest time a client could book now; absent when none is free.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_free: Option<DateTime<Utc>>,
}

/// Query of `GET /api/professionals`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct DirectoryQuery {
    /// Words to find in the name, headline or tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub specialty: Option<Specialty>,
    /// An ISO 639-1 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// `GET /api/professionals` → 200: one page of the directory, soonest free
/// first (those with no free time last, by name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectoryPage {
    pub items: Vec<ProfessionalProfile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InvalidProfile {
    #[error("Use at most {HEADLINE_MAX_CHARS} characters, on one line.")]
    Headline,
    #[error("Use at most {ABOUT_MAX_CHARS} characters.")]
    About,
    #[error("Text cannot contain control characters other than line breaks.")]
    ControlCharacter,
    #[error("List each specialty once.")]
    SpecialtyTwice,
    #[error("Use at most {TAGS_MAX} tags.")]
    TooManyTags,
    #[error("A tag is 1 to {TAG_MAX_CHARS} characters on one line.")]
    Tag,
    #[error("Pick languages from the list (ISO 639-1 codes such as \"en\").")]
    Language,
    #[error("List at most {LANGUAGES_MAX} languages, each once.")]
    Languages,
}

/// A profile whose texts were trimmed and whose lists were checked.
pub fn normalize_profile(
    request: &UpdateProfileRequest,
) -> Result<UpdateProfileRequest, Vec<(&'static str, InvalidProfile)>> {
    let mut refused = Vec::new();
    let headline = request.headline.trim().to_owned();
    if headline.chars().count() > HEADLINE_MAX_CHARS || headline.contains(['\n', '\r']) {
        refused.push(("headline", InvalidProfile::Headline));
    } else if headline.chars().any(char::is_control) {
        refused.push(("headline", InvalidProfile::ControlCharacter));
    }
    let about = normalize_paragraphs(&request.about);
    if about.chars().count() > ABOUT_MAX_CHARS {
        refused.push(("about", InvalidProfile::About));
    } else if about.chars().any(|c| c.is_control() && c != '\n') {
        refused.push(("about", InvalidProfile::ControlCharacter));
    }
    let mut specialties = request.specialties.clone();
    specialties.sort();
    specialties.dedup();
    if specialties.len() != request.specialties.len() {
        refused.push(("specialties", InvalidProfile::SpecialtyTwice));
    }
    let tags: Vec<String> = request
        .tags
        .iter()
        .map(|tag| tag.trim().to_owned())
        .collect();
    if tags.len() > TAGS_MAX {
        refused.push(("tags", InvalidProfile::TooManyTags));
    } else if tags.iter().any(|tag| {
        tag.is_empty() || tag.chars().count() > TAG_MAX_CHARS || tag.chars().any(char::is_control)
    }) {
        refused.push(("tags", InvalidProfile::Tag));
    }
    let languages: Vec<String> = request
        .languages
        .iter()
        .map(|code| code.trim().to_ascii_lowercase())
        .collect();
    if languages.iter().any(|code| language_name(code).is_none()) {
        refused.push(("languages", InvalidProfile::Language));
    } else {
        let mut unique = languages.clone();
        unique.sort();
        unique.dedup();
        if unique.len() != languages.len() || languages.len() > LANGUAGES_MAX {
            refused.push(("languages", InvalidProfile::Languages));
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    Ok(UpdateProfileRequest {
        headline,
        about,
        specialties: request.specialties.clone(),
        tags,
        languages,
    })
}

/// Trims the text and each line's end, turns `\r\n` into `\n`, and keeps
/// at most one blank line between paragraphs.
pub fn normalize_paragraphs(text: &str) -> String {
    let mut out = String::new();
    let mut blank_lines = 0;
    for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        out.push_str(line);
    }
    out
}

/// Up to two initials for the avatar: the first letters of the first and
/// last words that start with a letter (`Dr. Maya Okafor` → `MO`).
pub fn initials(full_name: &str) -> String {
    let words: Vec<&str> = full_name
        .split_whitespace()
        .filter(|word| !word.ends_with('.'))
        .filter(|word| word.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let first_letter = |word: &&str| word.chars().next();
    match words.as_slice() {
        [] => String::new(),
        [only] => first_letter(only)
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect(),
        [first, .., last] => [first_letter(first), first_letter(last)]
            .into_iter()
            .flatten()
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

/// The paragraphs of an about text, for showing it.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_titles() {
        assert_eq!(initials("Dr. Maya Okafor"), "MO");
        assert_eq!(initials("Leo Brandt"), "LB");
        assert_eq!(initials("ada"), "A");
        assert_eq!(initials("Jean-Luc de la Tour"), "JT");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("Élodie Ünal"), "ÉÜ");
    }

    #[test]
    fn specialties_travel_by_code() {
        for specialty in Specialty::ALL {
            let json = serde_json::to_string(specialty).unwrap();
            assert_eq!(json, format!("\"{}\"", specialty.code()));
            assert_eq!(Specialty::from_code(specialty.code()), Some(*specialty));
        }
    }

    #[test]
    fn a_profile_is_trimmed_and_checked() {
        let request = UpdateProfileRequest {
            headline: "  Couples therapist ".into(),
            about: "First.\r\n\r\n\r\nSecond  \nline".into(),
            specialties: vec![Specialty::Relationships],
            tags: vec![" EMDR ".into()],
            languages: vec!["EN".into(), "de".into()],
        };
        let profile = normalize_profile(&request).unwrap();
        assert_eq!(profile.headline, "Couples therapist");
        assert_eq!(profile.about, "First.\n\nSecond\nline");
        assert_eq!(profile.tags, ["EMDR"]);
        assert_eq!(profile.languages, ["en", "de"]);
        assert_eq!(paragraphs(&profile.about).count(), 2);
    }

    #[test]
    fn each_bad_field_is_named() {
        let request = UpdateProfileRequest {
            headline: "x".repeat(81),
            about: "y".repeat(2_001),
            specialties: vec![Specialty::Grief, Specialty::Grief],
            tags: vec!["a".into(); 6],
            languages: vec!["xx".into()],
        };
        let fields: Vec<_> = normalize_profile(&request)
            .unwrap_err()
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            ["headline", "about", "specialties", "tags", "languages"]
        );
        let twice = UpdateProfileRequest {
            languages: vec!["en".into(), "en".into()],
            ..UpdateProfileRequest::default()
        };
        assert_eq!(
            normalize_profile(&twice).unwrap_err(),
            [("languages", InvalidProfile::Languages)]
        );
    }
}
