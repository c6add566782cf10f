//! The short texts of directory cards and profiles: initials, languages,
//! price and length, the next free time.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tandem_api::profiles::language_name;

use crate::booking::money::format_price;
use crate::booking::time;

/// What a card says when nobody can book the professional now.
pub const NO_FREE_TIMES: &str = "No free times yet";

pub use tandem_api::profiles::initials;

/// The languages' English names (`English, German`); a code the list does
/// not know stays as it is.
pub fn language_names(codes: &[String]) -> String {
    codes
        .iter()
        .map(|code| language_name(code).unwrap_or(code))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `$90.00 per session · 50 min`, or what of it is known.
pub fn price_and_length(price_cents: Option<i64>, session_minutes: Option<u16>) -> Option<String> {
    match (price_cents, session_minutes) {
        (Some(price), Some(minutes)) => Some(format!(
            "{} per session · {minutes} min",
            format_price(price)
        )),
        (Some(price), None) => Some(format!("{} per session", format_price(price))),
        (None, Some(minutes)) => Some(format!("{minutes}-minute sessions")),
        (None, None) => None,
    }
}

/// `Next free: Thu 4 Dec, 14:00` in `tz` (with the year when it is not
/// `today`'s), or [`NO_FREE_TIMES`].
pub fn next_free<Tz: TimeZone>(tz: &Tz, at: Option<DateTime<Utc>>, today: NaiveDate) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match at {
        Some(at) => format!(
            "Next free: {}, {}",
            time::short_date(time::local_date(tz, at), today),
            time::clock(tz, at)
        ),
        None => NO_FREE_TIMES.to_owned(),
    }
}

/// `Works in Europe/Berlin; the times here are in yours.` when the
/// professional's zone is known and is not the viewer's.
pub fn zone_note(theirs: Option<&str>, viewer: Option<&str>) -> Option<String> {
    let theirs = theirs?;
    (Some(theirs) != viewer)
        .then(|| format!("Works in {theirs}; the times here are in your time zone."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn languages_are_named() {
        let codes = vec!["en".to_owned(), "de".to_owned(), "qq".to_owned()];
        assert_eq!(language_names(&codes), "English, German, qq");
        assert_eq!(language_names(&[]), "");
    }

    #[test]
    fn price_and_length_say_what_is_known() {
        assert_eq!(
            price_and_length(Some(9_000), Some(50)).as_deref(),
            Some("$90.00 per session · 50 min")
        );
        assert_eq!(
            price_and_length(Some(4_550), None).as_deref(),
            Some("$45.50 per session")
        );
        assert_eq!(
            price_and_length(None, Some(30)).as_deref(),
            Some("30-minute sessions")
        );
        assert_eq!(price_and_length(None, None), None);
    }

    #[test]
    fn another_zone_is_named() {
        assert_eq!(
            zone_note(Some("Europe/Berlin"), Some("America/New_York")).as_deref(),
            Some("Works in Europe/Berlin; the times here are in your time zone.")
        );
        assert_eq!(
            zone_note(Some("Europe/Berlin"), Some("Europe/Berlin")),
            None
        );
        assert!(zone_note(Some("Europe/Berlin"), None).is_some());
        assert_eq!(zone_note(None, Some("Europe/Berlin")), None);
    }

    #[test]
    fn the_next_free_time_is_in_the_viewers_zone() {
        let new_york = FixedOffset::west_opt(5 * 3600).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        // 09:00 UTC on Thursday 3 December is 04:00 in New York.
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        assert_eq!(
            next_free(&new_york, Some(at), today),
            "Next free: Thu 3 Dec, 04:00"
        );
        // 02:00 UTC is still the evening before there.
        let early = Utc.with_ymd_and_hms(2026, 12, 4, 2, 0, 0).unwrap();
        assert_eq!(
            next_free(&new_york, Some(early), today),
            "Next free: Thu 3 Dec, 21:00"
        );
        let next_year = Utc.with_ymd_and_hms(2027, 1, 4, 15, 30, 0).unwrap();
        assert_eq!(
            next_free(&new_york, Some(next_year), today),
            "Next free: Mon 4 Jan 2027, 10:30"
        );
        assert_eq!(next_free(&new_york, None, today), NO_FREE_TIMES);
    }
}
