//! The hours being edited, as typed: one day's ranges ([`DayDraft`], also
//! the hours of a date override) and the whole week ([`WeekDraft`]), with
//! the editing operations (add, change, remove, copy a day to others) and
//! the reading of what was typed into the API's types.
//!
//! Times are kept as the text of `<input type="time">` (`"09:00"`), so a
//! half-typed or cleared box is kept as it is until it is fixed. An end of
//! `"00:00"` is midnight at the end of the day (the API's `"24:00"`, which a
//! time box cannot show).

use std::collections::BTreeMap;

use tandem_api::availability::{check_ranges, ClockTime, DayHours, TimeRange, Weekday};

/// Shown for an empty time box.
pub const TIME_MISSING: &str = "Enter a time.";
/// What a new day's first range is.
pub const FIRST_RANGE: (u16, u16) = (9 * 60, 17 * 60);
/// The gap a new range leaves after the day's last one, and its length.
const GAP_MINUTES: u16 = 60;
const NEW_RANGE_MINUTES: u16 = 4 * 60;
const DAY_MINUTES: u16 = 24 * 60;

/// Which box of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Start,
    End,
}

/// One range as typed; `key` tells it apart from the day's other ranges
/// while they are edited, added and removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeDraft {
    pub key: u32,
    pub start: String,
    pub end: String,
}

impl RangeDraft {
    pub fn text(&self, part: Part) -> &str {
        match part {
            Part::Start => &self.start,
            Part::End => &self.end,
        }
    }
}

/// Messages for the boxes of one day, by range key and box. A message about
/// the whole range (it ends before it starts) is under its end.
pub type DayErrors = BTreeMap<(u32, Part), String>;

/// The ranges of one day as typed, in the order they are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayDraft {
    ranges: Vec<RangeDraft>,
    next_key: u32,
}

impl DayDraft {
    /// The saved ranges, as the boxes show them.
    pub fn from_ranges(ranges: &[TimeRange]) -> Self {
        let mut day = Self::default();
        for range in ranges {
            day.push(start_text(range.start), end_text(range.end));
        }
        day
    }

    pub fn ranges(&self) -> &[RangeDraft] {
        &self.ranges
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Adds a range: 09:00–17:00 on an empty day, else an hour after the
    /// day's latest end (four hours long, or up to midnight). Returns its key.
    pub fn add_range(&mut self) -> u32 {
        let (start, end) = self.next_range();
        self.push(clock_text(start), end_text_minutes(end))
    }

    /// Changes one box of a range.
    pub fn set(&mut self, key: u32, part: Part, text: String) {
        if let Some(range) = self.ranges.iter_mut().find(|r| r.key == key) {
            match part {
                Part::Start => range.start = text,
                Part::End => range.end = text,
            }
        }
    }

    pub fn remove(&mut self, key: u32) {
        self.ranges.retain(|r| r.key != key);
    }

    /// Makes this day's ranges the same as `other`'s (with keys of its own).
    pub fn copy_from(&mut self, other: &DayDraft) {
        self.ranges.clear();
        for range in &other.ranges {
            self.push(range.start.clone(), range.end.clone());
        }
    }

    /// The key of the range at `index` (as the API's field paths count).
    pub fn key_at(&self, index: usize) -> Option<u32> {
        self.ranges.get(index).map(|r| r.key)
    }

    /// The ranges as the API takes them, in the order shown, or a message
    /// for each box that does not hold a time.
    pub fn parse(&self) -> Result<Vec<TimeRange>, DayErrors> {
        let mut errors = DayErrors::new();
        let mut ranges = Vec::new();
        for range in &self.ranges {
            let start = parse_clock(&range.start, Part::Start);
            let end = parse_clock(&range.end, Part::End);
            match (start, end) {
                (Ok(start), Ok(end)) => ranges.push(TimeRange { start, end }),
                (start, end) => {
                    if let Err(message) = start {
                        errors.insert((range.key, Part::Start), message);
                    }
                    if let Err(message) = end {
                        errors.insert((range.key, Part::End), message);
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(ranges)
        } else {
            Err(errors)
        }
    }

    /// Every message about the day as typed: boxes without a time, then
    /// the shared rules for ranges (each ends after it starts, lasts a
    /// session, overlaps no other), under the range's end. `session_minutes`
    /// 0 leaves the length out.
    pub fn check(&self, session_minutes: u16) -> DayErrors {
        let ranges = match self.parse() {
            Ok(ranges) => ranges,
            Err(errors) => return errors,
        };
        let mut errors = DayErrors::new();
        for refused in check_ranges(&ranges, session_minutes, "") {
            let index = refused
                .field
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|number| number.parse::<usize>().ok());
            if let Some(key) = index.and_then(|index| self.key_at(index)) {
                errors
                    .entry((key, Part::End))
                    .or_insert_with(|| refused.error.to_string());
            }
        }
        errors
    }

    fn push(&mut self, start: String, end: String) -> u32 {
        let key = self.next_key;
        self.next_key += 1;
        self.ranges.push(RangeDraft { key, start, end });
        key
    }

    /// Minutes after midnight of a new range's start and end.
    fn next_range(&self) -> (u16, u16) {
        let latest_end = self
            .ranges
            .iter()
            .filter_map(|r| parse_clock(&r.end, Part::End).ok())
            .map(ClockTime::minutes)
            .max();
        let Some(latest_end) = latest_end else {
            return FIRST_RANGE;
        };
        let start = latest_end + GAP_MINUTES;
        if start + GAP_MINUTES <= DAY_MINUTES {
            (start, (start + NEW_RANGE_MINUTES).min(DAY_MINUTES))
        } else {
            (latest_end.min(DAY_MINUTES - GAP_MINUTES), DAY_MINUTES)
        }
    }
}

/// The week being edited, Monday to Sunday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekDraft {
    days: [DayDraft; 7],
}

/// Messages for the week's boxes, one map a weekday (Monday first).
pub type WeekErrors = [DayErrors; 7];

impl WeekDraft {
    /// The saved weekly hours (weekdays not listed are days off).
    pub fn from_hours(hours: &[DayHours]) -> Self {
        let mut week = Self::default();
        for day in hours {
            week.days[usize::from(day.weekday.index())] = DayDraft::from_ranges(&day.ranges);
        }
        week
    }

    pub fn day(&self, weekday: Weekday) -> &DayDraft {
        &self.days[usize::from(weekday.index())]
    }

    pub fn day_mut(&mut self, weekday: Weekday) -> &mut DayDraft {
        &mut self.days[usize::from(weekday.index())]
    }

    /// Gives each of `to` the ranges of `from` (replacing theirs).
    pub fn copy_day(&mut self, from: Weekday, to: &[Weekday]) {
        let source = self.day(from).clone();
        for &day in to.iter().filter(|&&day| day != from) {
            self.day_mut(day).copy_from(&source);
        }
    }

    /// [`DayDraft::check`] for every weekday.
    pub fn check(&self, session_minutes: u16) -> WeekErrors {
        Weekday::ALL.map(|day| self.day(day).check(session_minutes))
    }

    /// Every weekday, Monday first, with its ranges (none for a day off): the
    /// `weekly_hours` to send, so that `weekly_hours[i]` is weekday `i`.
    /// The errors are boxed: seven maps make a large `Err`.
    pub fn parse(&self) -> Result<Vec<DayHours>, Box<WeekErrors>> {
        let mut errors = WeekErrors::default();
        let mut hours = Vec::new();
        for weekday in Weekday::ALL {
            match self.day(weekday).parse() {
                Ok(ranges) => hours.push(DayHours { weekday, ranges }),
                Err(day_errors) => errors[usize::from(weekday.index())] = day_errors,
            }
        }
        if errors.iter().all(BTreeMap::is_empty) {
            Ok(hours)
        } else {
            Err(Box::new(errors))
        }
    }
}

/// A box's text as a time: an end of `00:00` is the end of the day.
fn parse_clock(text: &str, part: Part) -> Result<ClockTime, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TIME_MISSING.to_owned());
    }
    let time: ClockTime = text
        .parse()
        .map_err(|e: tandem_api::availability::InvalidAvailability| e.to_string())?;
    Ok(match part {
        Part::End if time == ClockTime::MIDNIGHT => ClockTime::END_OF_DAY,
        _ => time,
    })
}

fn clock_text(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn start_text(time: ClockTime) -> String {
    clock_text(time.minutes() % DAY_MINUTES)
}

fn end_text(time: ClockTime) -> String {
    end_text_minutes(time.minutes())
}

fn end_text_minutes(minutes: u16) -> String {
    clock_text(minutes % DAY_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: &str, end: &str) -> TimeRange {
        TimeRange {
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
        }
    }

    fn texts(day: &DayDraft) -> Vec<(String, String)> {
        day.ranges()
            .iter()
            .map(|r| (r.start.clone(), r.end.clone()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(s, e)| ((*s).to_owned(), (*e).to_owned()))
            .collect()
    }

    #[test]
    fn a_new_range_starts_the_day_or_follows_its_last_range() {
        let mut day = DayDraft::default();
        day.add_range();
        assert_eq!(texts(&day), pairs(&[("09:00", "17:00")]));

        let mut day = DayDraft::from_ranges(&[range("09:00", "12:00")]);
        day.add_range();
        assert_eq!(
            texts(&day),
            pairs(&[("09:00", "12:00"), ("13:00", "17:00")])
        );

        let mut day = DayDraft::from_ranges(&[range("14:00", "21:30")]);
        day.add_range();
        assert_eq!(texts(&day)[1], ("22:30".to_owned(), "00:00".to_owned()));

        let mut day = DayDraft::from_ranges(&[range("18:00", "24:00")]);
        day.add_range();
        assert_eq!(texts(&day)[1], ("23:00".to_owned(), "00:00".to_owned()));
    }

    #[test]
    fn ranges_are_changed_and_removed_by_key() {
        let mut day = DayDraft::default();
        let first = day.add_range();
        let second = day.add_range();
        day.set(second, Part::Start, "18:15".into());
        day.set(first, Part::End, String::new());
        assert_eq!(texts(&day), pairs(&[("09:00", ""), ("18:15", "22:00")]));
        day.remove(first);
        assert_eq!(texts(&day), pairs(&[("18:15", "22:00")]));
        assert_eq!(day.key_at(0), Some(second));
        // Keys are not reused, so a removed range's messages cannot move to another.
        assert_ne!(day.add_range(), first);
    }

    #[test]
    fn midnight_as_an_end_is_the_end_of_the_day() {
        let day = DayDraft::from_ranges(&[range("20:00", "24:00")]);
        assert_eq!(texts(&day), pairs(&[("20:00", "00:00")]));
        assert_eq!(day.parse(), Ok(vec![range("20:00", "24:00")]));
        let mut early = DayDraft::default();
        let key = early.add_range();
        early.set(key, Part::Start, "00:00".into());
        assert_eq!(early.parse(), Ok(vec![range("00:00", "17:00")]));
    }

    #[test]
    fn boxes_without_a_time_are_named_and_kept() {
        let mut day = DayDraft::default();
        let key = day.add_range();
        day.set(key, Part::Start, String::new());
        day.set(key, Part::End, "9am".into());
        let errors = day.parse().unwrap_err();
        assert_eq!(
            errors.get(&(key, Part::Start)).map(String::as_str),
            Some(TIME_MISSING)
        );
        assert_eq!(
            errors.get(&(key, Part::End)).map(String::as_str),
            Some("Write times as HH:MM, from 00:00 to 24:00.")
        );
        assert_eq!(day.ranges()[0].end, "9am");
    }

    #[test]
    fn ranges_are_checked_as_they_are_typed() {
        let day = DayDraft::from_ranges(&[
            range("09:00", "12:00"),
            range("11:00", "13:00"),
            range("15:00", "14:00"),
            range("16:00", "16:30"),
        ]);
        let errors = day.check(50);
        let message = |index: usize| {
            errors
                .get(&(day.key_at(index).unwrap(), Part::End))
                .map(String::as_str)
        };
        assert_eq!(message(0), None);
        assert_eq!(message(1), Some("Ranges of one day must not overlap."));
        assert_eq!(message(2), Some("A range must end after it starts."));
        assert_eq!(
            message(3),
            Some("A range must be at least as long as one session.")
        );
        assert!(!day
            .check(0)
            .contains_key(&(day.key_at(3).unwrap(), Part::End)));
        let mut typing = day.clone();
        typing.set(day.key_at(0).unwrap(), Part::Start, String::new());
        assert_eq!(
            typing.check(50).keys().copied().collect::<Vec<_>>(),
            [(day.key_at(0).unwrap(), Part::Start)]
        );
    }

    #[test]
    fn a_day_is_copied_to_other_days() {
        let mut week = WeekDraft::default();
        let monday = week.day_mut(Weekday::Monday);
        monday.add_range();
        let lunch = monday.add_range();
        monday.set(lunch, Part::Start, "14:00".into());
        monday.set(lunch, Part::End, "18:00".into());
        week.day_mut(Weekday::Friday).add_range();
        week.copy_day(
            Weekday::Monday,
            &[Weekday::Tuesday, Weekday::Friday, Weekday::Monday],
        );
        let expected = pairs(&[("09:00", "17:00"), ("14:00", "18:00")]);
        assert_eq!(texts(week.day(Weekday::Monday)), expected);
        assert_eq!(texts(week.day(Weekday::Tuesday)), expected);
        assert_eq!(texts(week.day(Weekday::Friday)), expected);
        assert!(week.day(Weekday::Wednesday).is_empty());
        // The copies are edited on their own.
        let key = week.day(Weekday::Tuesday).key_at(0).unwrap();
        week.day_mut(Weekday::Tuesday)
            .set(key, Part::Start, "10:00".into());
        assert_eq!(week.day(Weekday::Monday).ranges()[0].start, "09:00");
    }

    #[test]
    fn the_week_is_sent_as_seven_days_monday_first() {
        let week = WeekDraft::from_hours(&[DayHours {
            weekday: Weekday::Wednesday,
            ranges: vec![range("08:30", "12:00")],
        }]);
        let hours = week.parse().unwrap();
        assert_eq!(hours.len(), 7);
        assert_eq!(hours[0].weekday, Weekday::Monday);
        assert!(hours[0].ranges.is_empty());
        assert_eq!(hours[2].ranges, vec![range("08:30", "12:00")]);

        let mut week = week;
        let key = week.day(Weekday::Wednesday).key_at(0).unwrap();
        week.day_mut(Weekday::Wednesday)
            .set(key, Part::End, String::new());
        let errors = week.parse().unwrap_err();
        assert!(errors[2].contains_key(&(key, Part::End)));
        assert!(errors[0].is_empty());
    }
}
