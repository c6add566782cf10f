//! The directory's search and filters as they travel: in the page's
//! address (`/professionals?q=…&specialty=…&language=…`, so a filtered list
//! can be reloaded and shared) and in the API's query.

use tandem_api::paths;
use tandem_api::profiles::{language_name, DirectoryQuery, Specialty, QUERY_MAX_CHARS};

use crate::api;
use crate::routes;

/// The query of the page's address, read from its parameters (`get` gives
/// one by name). Unknown specialties and languages, and blank text, are
/// left out; the search text is cut at the longest the API takes.
pub fn from_params(get: impl Fn(&str) -> Option<String>) -> DirectoryQuery {
    let q = get("q")
        .map(|q| q.trim().chars().take(QUERY_MAX_CHARS).collect::<String>())
        .filter(|q| !q.is_empty());
    let specialty = get("specialty").and_then(|code| Specialty::from_code(code.trim()));
    let language = get("language")
        .map(|code| code.trim().to_ascii_lowercase())
        .filter(|code| language_name(code).is_some());
    DirectoryQuery {
        q,
        specialty,
        language,
        cursor: None,
    }
}

/// Whether any search or filter is set.
pub fn is_filtered(query: &DirectoryQuery) -> bool {
    query.q.is_some() || query.specialty.is_some() || query.language.is_some()
}

/// The search and filters in words: `“sleep”, Anxiety, German`.
pub fn describe(query: &DirectoryQuery) -> String {
    let mut parts = Vec::new();
    if let Some(q) = &query.q {
        parts.push(format!("“{q}”"));
    }
    if let Some(specialty) = query.specialty {
        parts.push(specialty.label().to_owned());
    }
    if let Some(language) = &query.language {
        parts.push(language_name(language).unwrap_or(language).to_owned());
    }
    parts.join(", ")
}

fn params(query: &DirectoryQuery) -> Vec<(&'static str, &str)> {
    let mut params = Vec::new();
    if let Some(q) = &query.q {
        params.push(("q", q.as_str()));
    }
    if let Some(specialty) = query.specialty {
        params.push(("specialty", specialty.code()));
    }
    if let Some(language) = &query.language {
        params.push(("language", language.as_str()));
    }
    params
}

/// The page's address for `query` (without its cursor).
pub fn page_href(query: &DirectoryQuery) -> String {
    api::with_query(routes::PROFESSIONALS, &params(query))
}

/// `GET /api/professionals` for `query`, cursor included.
pub fn api_path(query: &DirectoryQuery) -> String {
    let mut params = params(query);
    if let Some(cursor) = &query.cursor {
        params.push(("cursor", cursor.as_str()));
    }
    api::with_query(paths::PROFESSIONALS, &params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(pairs: &[(&str, &str)]) -> DirectoryQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        from_params(|name| map.get(name).cloned())
    }

    #[test]
    fn known_filters_are_read_from_the_address() {
        let query = read(&[
            ("q", "  sleep  "),
            ("specialty", "anxiety"),
            ("language", "DE"),
        ]);
        assert_eq!(query.q.as_deref(), Some("sleep"));
        assert_eq!(query.specialty, Some(Specialty::Anxiety));
        assert_eq!(query.language.as_deref(), Some("de"));
        assert!(is_filtered(&query));
    }

    #[test]
    fn unknown_or_blank_filters_are_dropped() {
        let query = read(&[("q", "   "), ("specialty", "astrology"), ("language", "xx")]);
        assert_eq!(query, DirectoryQuery::default());
        assert!(!is_filtered(&query));
        let long = read(&[("q", &"a".repeat(300))]);
        assert_eq!(long.q.map(|q| q.chars().count()), Some(QUERY_MAX_CHARS));
    }

    #[test]
    fn filters_are_described_in_words() {
        let query = read(&[("q", "sleep"), ("specialty", "anxiety"), ("language", "de")]);
        assert_eq!(describe(&query), "“sleep”, Anxiety, German");
        assert_eq!(describe(&read(&[("language", "en")])), "English");
    }

    #[test]
    fn the_address_holds_every_filter() {
        let query = DirectoryQuery {
            q: Some("Dr. Okafor & co".into()),
            specialty: Some(Specialty::CareerCoaching),
            language: Some("en".into()),
            cursor: Some("abc=".into()),
        };
        let href = page_href(&query);
        assert_eq!(
            href,
            "/professionals?q=Dr.%20Okafor%20%26%20co&specialty=career_coaching&language=en"
        );
        assert_eq!(page_href(&DirectoryQuery::default()), "/professionals");
        assert_eq!(
            api_path(&query),
            "/api/professionals?q=Dr.%20Okafor%20%26%20co&specialty=career_coaching&language=en&cursor=abc%3D"
        );
    }
}
