//! Dates and times as the viewer reads and types them: in their own time
//! zone, converted to and from the UTC instants the API carries.
//!
//! Labels are written in English with a 24-hour clock (`Mon 21 Nov`,
//! `14:30–15:15`), the same shape as `<input type="time">` values, so what a
//! professional types reads back the same in the lists.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday};

/// How many days the date picker offers, today first.
pub const DAYS_AHEAD: u64 = 14;

/// `count` consecutive days starting with `today`.
pub fn next_days(today: NaiveDate, count: u64) -> Vec<NaiveDate> {
    (0..count)
        .filter_map(|offset| today.checked_add_days(Days::new(offset)))
        .collect()
}

/// `Mon`.
pub fn weekday_short(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

/// `Monday`.
pub fn weekday_long(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_long(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

fn month_short(date: NaiveDate) -> &'static str {
    let month = month_long(date);
    &month[..3]
}

/// `21 Nov`.
pub fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), month_short(date))
}

/// `Monday 21 November`.
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {} {}", weekday_long(date), date.day(), month_long(date))
}

/// `Mon 21 Nov`, with the year when it is not `today`'s.
pub fn short_date(date: NaiveDate, today: NaiveDate) -> String {
    let label = format!("{} {}", weekday_short(date), day_month(date));
    if date.year() == today.year() {
        label
    } else {
        format!("{label} {}", date.year())
    }
}

/// The value of an `<input type="date">`: `2026-11-21`.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    // chrono's `FromStr` reads exactly `%Y-%m-%d`, without the format-string
    // machinery that `parse_from_str` adds to the wasm.
    raw.trim().parse().ok()
}

/// A date as an `<input type="date">` value.
pub fn date_input_value(date: NaiveDate) -> String {
    // `NaiveDate`'s `Display` is `%Y-%m-%d`.
    date.to_string()
}

/// The value of an `<input type="time">`: `14:30`, or `14:30:00` when the
/// browser adds seconds.
pub fn parse_time(raw: &str) -> Option<NaiveTime> {
    // chrono's `FromStr` reads `%H:%M` with optional seconds.
    raw.trim().parse().ok()
}

/// The instant a wall-clock time on a date is in `tz`. When the clocks go
/// back and the time happens twice, the earlier one; `None` when the clocks
/// go forward over it and it never happens.
pub fn local_to_utc<Tz: TimeZone>(
    tz: &Tz,
    date: NaiveDate,
    time: NaiveTime,
) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|local| local.with_timezone(&Utc))
}

/// The local date of an instant in `tz`.
pub fn local_date<Tz: TimeZone>(tz: &Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(tz).date_naive()
}

/// `14:30`, in `tz`.
pub fn clock<Tz: TimeZone>(tz: &Tz, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(tz);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// `14:30–15:15`, in `tz`; `23:30–00:15 next day` when it ends on a later
/// local day.
pub fn time_range<Tz: TimeZone>(tz: &Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let range = format!("{}–{}", clock(tz, start), clock(tz, end));
    let days = (local_date(tz, end) - local_date(tz, start)).num_days();
    match days {
        0 => range,
        1 => format!("{range} next day"),
        n => format!("{range} {n} days later"),
    }
}

/// `Mon 21 Nov, 14:30–15:15`, in `tz` (with the year when it is not
/// `today`'s).
pub fn when<Tz: TimeZone>(
    tz: &Tz,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    today: NaiveDate,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    format!(
        "{}, {}",
        short_date(local_date(tz, start), today),
        time_range(tz, start, end)
    )
}

/// `items` (in time order) in runs of the same local day in `tz`, by the
/// instant `at` gives for each.
pub fn group_by_day<T, Tz: TimeZone>(
    tz: &Tz,
    items: Vec<T>,
    at: impl Fn(&T) -> DateTime<Utc>,
) -> Vec<(NaiveDate, Vec<T>)> {
    let mut days: Vec<(NaiveDate, Vec<T>)> = Vec::new();
    for item in items {
        let day = local_date(tz, at(&item));
        match days.last_mut() {
            Some((last, group)) if *last == day => group.push(item),
            _ => days.push((day, vec![item])),
        }
    }
    days
}

/// The browser's IANA time zone (`Europe/Paris`), from
/// `Intl.DateTimeFormat().resolvedOptions().timeZone`. `None` outside a
/// browser, or when the browser does not say.
pub fn browser_time_zone() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use js_sys::{Array, Intl, Object, Reflect};
        let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
        Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|zone| zone.as_string())
            .filter(|zone| !zone.is_empty())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// How the viewer's time zone is named next to times: its IANA name, or
/// its current offset from UTC (`UTC+02:00`) when the browser gives none.
pub fn zone_label(zone: Option<&str>, offset_seconds: i32) -> String {
    match zone {
        Some(zone) => zone.to_owned(),
        None => {
            let sign = if offset_seconds < 0 { '-' } else { '+' };
            let minutes = offset_seconds.unsigned_abs() / 60;
            format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, FixedOffset};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn paris_winter() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn new_york_winter() -> FixedOffset {
        FixedOffset::west_opt(5 * 3600).unwrap()
    }

    #[test]
    fn the_picker_starts_today_and_crosses_months_and_years() {
        let days = next_days(date(2026, 12, 25), DAYS_AHEAD);
        assert_eq!(days.len(), 14);
        assert_eq!(days[0], date(2026, 12, 25));
        assert_eq!(days[6], date(2026, 12, 31));
        assert_eq!(days[7], date(2027, 1, 1));
        assert_eq!(days[13], date(2027, 1, 7));
    }

    #[test]
    fn day_labels_are_short_and_readable() {
        let saturday = date(2026, 11, 21);
        assert_eq!(weekday_short(saturday), "Sat");
        assert_eq!(day_month(saturday), "21 Nov");
        assert_eq!(long_date(saturday), "Saturday 21 November");
        assert_eq!(short_date(saturday, date(2026, 1, 1)), "Sat 21 Nov");
        assert_eq!(short_date(saturday, date(2025, 12, 30)), "Sat 21 Nov 2026");
    }

    #[test]
    fn input_values_parse() {
        assert_eq!(parse_date("2026-11-21"), Some(date(2026, 11, 21)));
        assert_eq!(parse_date("21/11/2026"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(date_input_value(date(2026, 3, 7)), "2026-03-07");
        assert_eq!(parse_time("09:05"), Some(time(9, 5)));
        assert_eq!(parse_time("23:59:00"), Some(time(23, 59)));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("9am"), None);
        assert_eq!(parse_time(""), None);
    }

    #[test]
    fn local_times_convert_to_utc() {
        assert_eq!(
            local_to_utc(&paris_winter(), date(2026, 11, 21), time(9, 0)),
            Some(utc(2026, 11, 21, 8, 0))
        );
        // Evening in New York is the next day in UTC.
        assert_eq!(
            local_to_utc(&new_york_winter(), date(2026, 11, 21), time(21, 30)),
            Some(utc(2026, 11, 22, 2, 30))
        );
        assert_eq!(
            local_to_utc(&Utc, date(2026, 11, 21), time(0, 0)),
            Some(utc(2026, 11, 21, 0, 0))
        );
    }

    #[test]
    fn times_the_clocks_skip_do_not_exist_and_repeated_ones_take_the_first() {
        let zone = ChangingZone;
        // Clocks jump from 02:00 to 03:00 on the change day.
        assert_eq!(local_to_utc(&zone, CHANGE_DAY, time(2, 30)), None);
        assert_eq!(
            local_to_utc(&zone, CHANGE_DAY, time(1, 30)),
            Some(utc(2026, 3, 29, 0, 30))
        );
        assert_eq!(
            local_to_utc(&zone, CHANGE_DAY, time(3, 30)),
            Some(utc(2026, 3, 29, 1, 30))
        );
    }

    #[test]
    fn utc_instants_read_in_the_viewers_zone() {
        let start = utc(2026, 11, 21, 13, 30);
        let end = start + Duration::minutes(45);
        assert_eq!(clock(&paris_winter(), start), "14:30");
        assert_eq!(time_range(&paris_winter(), start, end), "14:30–15:15");
        assert_eq!(
            when(&paris_winter(), start, end, date(2026, 11, 1)),
            "Sat 21 Nov, 14:30–15:15"
        );
        assert_eq!(
            when(&new_york_winter(), start, end, date(2026, 11, 1)),
            "Sat 21 Nov, 08:30–09:15"
        );
        // Early on the 21st in UTC is still the 20th in New York.
        let early = utc(2026, 11, 21, 2, 0);
        assert_eq!(local_date(&new_york_winter(), early), date(2026, 11, 20));
    }

    #[test]
    fn ranges_past_midnight_say_so() {
        let start = utc(2026, 11, 21, 22, 30);
        let end = start + Duration::minutes(45);
        assert_eq!(
            time_range(&paris_winter(), start, end),
            "23:30–00:15 next day"
        );
        assert_eq!(time_range(&Utc, start, end), "22:30–23:15");
    }

    #[test]
    fn items_group_by_local_day() {
        let times = [
            utc(2026, 11, 21, 9, 0),
            utc(2026, 11, 21, 23, 30),
            utc(2026, 11, 22, 9, 0),
        ];
        let by_day = |zone: &FixedOffset| {
            group_by_day(zone, times.to_vec(), |t| *t)
                .into_iter()
                .map(|(day, items)| (day, items.len()))
                .collect::<Vec<_>>()
        };
        // 23:30 UTC is already the 22nd in Paris, still the 21st in New York.
        assert_eq!(
            by_day(&paris_winter()),
            [(date(2026, 11, 21), 1), (date(2026, 11, 22), 2)]
        );
        assert_eq!(
            by_day(&new_york_winter()),
            [(date(2026, 11, 21), 2), (date(2026, 11, 22), 1)]
        );
        assert!(group_by_day(&Utc, Vec::<DateTime<Utc>>::new(), |t| *t).is_empty());
    }

    #[test]
    fn zones_are_named_or_shown_as_an_offset() {
        assert_eq!(zone_label(Some("Europe/Paris"), 3600), "Europe/Paris");
        assert_eq!(zone_label(None, 3600), "UTC+01:00");
        assert_eq!(zone_label(None, -(5 * 3600 + 1800)), "UTC-05:30");
        assert_eq!(zone_label(None, 0), "UTC+00:00");
    }

    /// A zone at UTC+1 that moves to UTC+2 at 01:00 UTC on
    /// [`CHANGE_DAY`] (02:00 local becomes 03:00), like Europe/Paris in
    /// spring.
    #[derive(Debug, Clone, Copy)]
    struct ChangingZone;

    const CHANGE_DAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();

    impl ChangingZone {
        fn change_at() -> chrono::NaiveDateTime {
            CHANGE_DAY.and_hms_opt(1, 0, 0).unwrap()
        }
        fn before() -> FixedOffset {
            FixedOffset::east_opt(3600).unwrap()
        }
        fn after() -> FixedOffset {
            FixedOffset::east_opt(2 * 3600).unwrap()
        }
    }

    impl TimeZone for ChangingZone {
        type Offset = FixedOffset;

        fn from_offset(_: &FixedOffset) -> Self {
            ChangingZone
        }

        fn offset_from_local_date(&self, _: &NaiveDate) -> chrono::LocalResult<FixedOffset> {
            unimplemented!("not used by these tests")
        }

        fn offset_from_local_datetime(
            &self,
            local: &chrono::NaiveDateTime,
        ) -> chrono::LocalResult<FixedOffset> {
            let as_before = *local - Duration::hours(1);
            let as_after = *local - Duration::hours(2);
            match (as_before < Self::change_at(), as_after >= Self::change_at()) {
                (true, true) => chrono::LocalResult::Ambiguous(Self::before(), Self::after()),
                (true, false) => chrono::LocalResult::Single(Self::before()),
                (false, true) => chrono::LocalResult::Single(Self::after()),
                (false, false) => chrono::LocalResult::None,
            }
        }

        fn offset_from_utc_date(&self, _: &NaiveDate) -> FixedOffset {
            unimplemented!("not used by these tests")
        }

        fn offset_from_utc_datetime(&self, utc: &chrono::NaiveDateTime) -> FixedOffset {
            if *utc < Self::change_at() {
                Self::before()
            } else {
                Self::after()
            }
        }
    }
}
