//! Where a message about a field goes: the API's field paths
//! (`weekly_hours[0].ranges[1]`, `session_minutes`, `ranges[0]`) turned into
//! the rule box, the weekday or the range box it is about. The same paths
//! come from the app's own check ([`tandem_api::availability::validate`])
//! and from a `422` answer, so both show in the same place.

use std::collections::BTreeMap;

use tandem_api::availability::Weekday;

use super::rules::RULE_FIELDS;
use super::week::{DayDraft, DayErrors, Part, WeekDraft, WeekErrors};

/// What a field path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPath {
    /// A rule box, by its API name.
    Rule(String),
    /// A weekday as a whole (`weekly_hours[2]`); the week is sent Monday
    /// first, so index 2 is Wednesday.
    Day(Weekday),
    /// One range of a weekday.
    WeekRange(Weekday, usize),
    /// One range of a date override (`ranges[1]`), or all of them (`ranges`).
    OverrideRange(Option<usize>),
}

/// Reads a field path; `None` for one this page does not show.
pub fn parse_path(path: &str) -> Option<FieldPath> {
    if RULE_FIELDS.contains(&path) || path == "date" {
        return Some(FieldPath::Rule(path.to_owned()));
    }
    if path == "ranges" {
        return Some(FieldPath::OverrideRange(None));
    }
    if let Some(rest) = path.strip_prefix("ranges") {
        return Some(FieldPath::OverrideRange(Some(index(rest)?.0)));
    }
    let rest = path.strip_prefix("weekly_hours")?;
    let (day, rest) = index(rest)?;
    let weekday = Weekday::from_index(u8::try_from(day).ok()?)?;
    match rest {
        "" | ".ranges" => Some(FieldPath::Day(weekday)),
        _ => {
            let (range, rest) = index(rest.strip_prefix(".ranges")?)?;
            rest.is_empty()
                .then_some(FieldPath::WeekRange(weekday, range))
        }
    }
}

/// `"[12].x"` → `(12, ".x")`.
fn index(text: &str) -> Option<(usize, &str)> {
    let inner = text.strip_prefix('[')?;
    let (number, rest) = inner.split_once(']')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((number.parse().ok()?, rest))
}

/// The messages of one attempt to save the hours and rules, placed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HoursMessages {
    /// By rule field name.
    pub rules: BTreeMap<String, String>,
    /// By weekday, about the day as a whole.
    pub days: [Option<String>; 7],
    /// By weekday, about one range (under its end box).
    pub ranges: WeekErrors,
    /// Those with no place in the form (said above the Save button).
    pub unplaced: Vec<String>,
}

impl HoursMessages {
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
            && self.days.iter().all(Option::is_none)
            && self.ranges.iter().all(BTreeMap::is_empty)
            && self.unplaced.is_empty()
    }
}

/// Places each `(path, message)` about the hours and rules sent from `week`.
/// A range's message goes to the range at that position of the day as it
/// was sent (the draft has not changed in between).
pub fn place_hours(
    messages: impl IntoIterator<Item = (String, String)>,
    week: &WeekDraft,
) -> HoursMessages {
    let mut placed = HoursMessages::default();
    for (path, message) in messages {
        match parse_path(&path) {
            Some(FieldPath::Rule(field)) if field != "date" => {
                placed.rules.entry(field).or_insert(message);
            }
            Some(FieldPath::Day(day)) => {
                placed.days[usize::from(day.index())].get_or_insert(message);
            }
            Some(FieldPath::WeekRange(day, index)) => match week.day(day).key_at(index) {
                Some(key) => {
                    placed.ranges[usize::from(day.index())]
                        .entry((key, Part::End))
                        .or_insert(message);
                }
                None => {
                    placed.days[usize::from(day.index())].get_or_insert(message);
                }
            },
            _ => placed.unplaced.push(message),
        }
    }
    placed
}

/// The messages of one attempt to add a date override, placed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OverrideMessages {
    pub date: Option<String>,
    /// About the hours as a whole (too many ranges).
    pub hours: Option<String>,
    pub ranges: DayErrors,
    pub unplaced: Vec<String>,
}

/// Places each `(path, message)` about an override sent from `day`.
pub fn place_override(
    messages: impl IntoIterator<Item = (String, String)>,
    day: &DayDraft,
) -> OverrideMessages {
    let mut placed = OverrideMessages::default();
    for (path, message) in messages {
        match parse_path(&path) {
            Some(FieldPath::Rule(field)) if field == "date" => {
                placed.date.get_or_insert(message);
            }
            Some(FieldPath::OverrideRange(Some(index))) => match day.key_at(index) {
                Some(key) => {
                    placed.ranges.entry((key, Part::End)).or_insert(message);
                }
                None => {
                    placed.hours.get_or_insert(message);
                }
            },
            Some(FieldPath::OverrideRange(None)) => {
                placed.hours.get_or_insert(message);
            }
            _ => placed.unplaced.push(message),
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::availability::{DayHours, TimeRange};

    fn range(start: &str, end: &str) -> TimeRange {
        TimeRange {
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
        }
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(p, m)| ((*p).to_owned(), (*m).to_owned()))
            .collect()
    }

    #[test]
    fn paths_name_rules_days_and_ranges() {
        assert_eq!(
            parse_path("session_minutes"),
            Some(FieldPath::Rule("session_minutes".into()))
        );
        assert_eq!(
            parse_path("weekly_hours[4].ranges[1]"),
            Some(FieldPath::WeekRange(Weekday::Friday, 1))
        );
        assert_eq!(
            parse_path("weekly_hours[6]"),
            Some(FieldPath::Day(Weekday::Sunday))
        );
        assert_eq!(
            parse_path("weekly_hours[0].ranges"),
            Some(FieldPath::Day(Weekday::Monday))
        );
        assert_eq!(
            parse_path("ranges[3]"),
            Some(FieldPath::OverrideRange(Some(3)))
        );
        for odd in [
            "weekly_hours[7]",
            "weekly_hours[x].ranges[0]",
            "weekly_hours[0].ranges[1]x",
            "weekly_hours[]",
            "colour",
            "ranges[",
        ] {
            assert_eq!(parse_path(odd), None, "{odd}");
        }
    }

    #[test]
    fn a_range_message_goes_under_that_range() {
        let week = WeekDraft::from_hours(&[DayHours {
            weekday: Weekday::Tuesday,
            ranges: vec![range("09:00", "12:00"), range("11:00", "13:00")],
        }]);
        let placed = place_hours(
            owned(&[
                (
                    "weekly_hours[1].ranges[1]",
                    "Ranges of one day must not overlap.",
                ),
                ("session_minutes", "A session lasts from 15 to 240 minutes."),
                ("time_zone", "Unknown time zone."),
                ("weekly_hours[3]", "Each weekday can be listed once."),
                ("something_else", "Odd."),
            ]),
            &week,
        );
        let second = week.day(Weekday::Tuesday).key_at(1).unwrap();
        assert_eq!(
            placed.ranges[1]
                .get(&(second, Part::End))
                .map(String::as_str),
            Some("Ranges of one day must not overlap.")
        );
        assert_eq!(placed.ranges[1].len(), 1);
        assert_eq!(
            placed.rules.get("time_zone").map(String::as_str),
            Some("Unknown time zone.")
        );
        assert_eq!(placed.rules.len(), 2);
        assert_eq!(
            placed.days[3].as_deref(),
            Some("Each weekday can be listed once.")
        );
        assert_eq!(placed.unplaced, ["Odd."]);
    }

    #[test]
    fn override_messages_go_to_the_date_or_the_range() {
        let day = DayDraft::from_ranges(&[range("09:00", "10:00"), range("12:00", "11:00")]);
        let placed = place_override(
            owned(&[
                ("date", "Choose today or a later date."),
                ("ranges[1]", "A range must end after it starts."),
                ("ranges", "A day can have at most 12 ranges."),
            ]),
            &day,
        );
        assert_eq!(
            placed.date.as_deref(),
            Some("Choose today or a later date.")
        );
        assert_eq!(
            placed
                .ranges
                .get(&(day.key_at(1).unwrap(), Part::End))
                .map(String::as_str),
            Some("A range must end after it starts.")
        );
        assert_eq!(
            placed.hours.as_deref(),
            Some("A day can have at most 12 ranges.")
        );
        assert!(placed.unplaced.is_empty());
    }
}
