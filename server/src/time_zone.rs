//! Days as people see them: where a calendar date begins and ends in an
//! IANA time zone, daylight-saving changes included.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The years a date may have (what RFC 3339 can write, with room for any
/// UTC offset on either side).
const YEARS: std::ops::RangeInclusive<i32> = 1..=9998;

/// No UTC offset has ever been as large as this, so an instant this far
/// before a local time is earlier in every zone, and one this far after
/// it is later.
const MAX_OFFSET_SECS: i64 = 18 * 3600;

/// The IANA zone named `name` (`Europe/Berlin`), or `None` if there is none.
pub fn parse(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

/// The instants `[start, end)` of the calendar day `date` in `tz`: from its
/// first moment to the first moment of the next day. Usually 24 hours; 23
/// or 25 on the days clocks change, and whatever else a zone's history
/// holds. `None` for a date outside [`YEARS`].
pub fn day_bounds(date: NaiveDate, tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if !YEARS.contains(&date.year()) {
        return None;
    }
    let start = start_of_day(date, tz)?;
    let end = start_of_day(date.succ_opt()?, tz)?;
    Some((start, end))
}

/// The first instant whose local date in `tz` is `date`: local midnight,
/// the earlier one if midnight happens twice, or the moment the clocks
/// jump forward if midnight is skipped (as in America/Havana, where
/// daylight-saving time starts at 00:00).
fn start_of_day(date: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    let midnight = date.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at.to_utc()),
        LocalResult::None => end_of_gap(midnight, tz),
    }
}

/// For a local time the clocks skipped, the instant they jumped: the first
/// one whose local time is later. Found by bisection over whole seconds,
/// since zone transitions happen on whole seconds.
fn end_of_gap(skipped: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    let local_at = |secs: i64| -> Option<NaiveDateTime> {
        Some(
            DateTime::from_timestamp(secs, 0)?
                .with_timezone(&tz)
                .naive_local(),
        )
    };
    let as_utc = skipped.and_utc().timestamp();
    // Invariant: the local time at `before` is earlier than `skipped`, at `after` later.
    let (mut before, mut after) = (as_utc - MAX_OFFSET_SECS, as_utc + MAX_OFFSET_SECS);
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if local_at(middle)? > skipped {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("valid time")
    }

    fn bounds(day: NaiveDate, zone: &str) -> (DateTime<Utc>, DateTime<Utc>) {
        day_bounds(day, parse(zone).expect("known zone")).expect("date in range")
    }

    #[test]
    fn an_ordinary_day_is_24_hours_from_local_midnight() {
        assert_eq!(
            bounds(date(2026, 11, 21), "UTC"),
            (utc(2026, 11, 21, 0, 0), utc(2026, 11, 22, 0, 0))
        );
        assert_eq!(
            bounds(date(2026, 11, 21), "Europe/Berlin"),
            (utc(2026, 11, 20, 23, 0), utc(2026, 11, 21, 23, 0))
        );
        assert_eq!(
            bounds(date(2026, 11, 21), "Asia/Kolkata"),
            (utc(2026, 11, 20, 18, 30), utc(2026, 11, 21, 18, 30))
        );
    }

    #[test]
    fn the_spring_forward_day_is_23_hours() {
        let (start, end) = bounds(date(2026, 3, 29), "Europe/Berlin");
        assert_eq!(start, utc(2026, 3, 28, 23, 0));
        assert_eq!(end, utc(2026, 3, 29, 22, 0));
        assert_eq!(end - start, Duration::hours(23));
    }

    #[test]
    fn the_fall_back_day_is_25_hours() {
        let (start, end) = bounds(date(2026, 11, 1), "America/New_York");
        assert_eq!(start, utc(2026, 11, 1, 4, 0));
        assert_eq!(end, utc(2026, 11, 2, 5, 0));
        assert_eq!(end - start, Duration::hours(25));
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_starts_when_the_clocks_jump() {
        // Havana: on 2026-03-08 the clocks go from 00:00 CST straight to 01:00 CDT.
        let (start, end) = bounds(date(2026, 3, 8), "America/Havana");
        assert_eq!(start, utc(2026, 3, 8, 5, 0));
        assert_eq!(end, utc(2026, 3, 9, 4, 0));
        // And the day before ends there.
        assert_eq!(bounds(date(2026, 3, 7), "America/Havana").1, start);
    }

    #[test]
    fn a_day_that_never_happened_is_empty() {
        // Samoa skipped 30 December 2011 when it moved across the date line.
        let (start, end) = bounds(date(2011, 12, 30), "Pacific/Apia");
        assert_eq!(start, end);
        assert_eq!(start, utc(2011, 12, 30, 10, 0));
    }

    #[test]
    fn unknown_zones_and_far_dates_are_refused() {
        assert!(parse("Mars/Olympus_Mons").is_none());
        assert!(parse("").is_none());
        assert!(parse("Europe/Berlin").is_some());
        let tz = parse("UTC").expect("known zone");
        assert!(day_bounds(date(10_000, 1, 1), tz).is_none());
        assert!(day_bounds(date(0, 12, 31), tz).is_none());
        assert!(day_bounds(date(9998, 12, 31), tz).is_some());
    }
}
