//! The rule engine against a table of cases, and a property test that no
//! computed time overlaps a held slot or another computed time.

use super::*;
use chrono_tz::America::New_York;
use chrono_tz::Asia::Kolkata;
use chrono_tz::Europe::Berlin;
use proptest::prelude::*;
use tandem_api::availability::ClockTime;

fn range(start: &str, end: &str) -> TimeRange {
    TimeRange {
        start: start.parse().expect("valid start"),
        end: end.parse().expect("valid end"),
    }
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// 50-minute sessions, 10 minutes of buffer, no notice, a year ahead,
/// the same ranges every day.
fn every_day(tz: Tz, ranges: Vec<TimeRange>) -> Rules {
    Rules {
        time_zone: tz,
        session: Duration::minutes(50),
        buffer: Duration::minutes(10),
        notice: Duration::zero(),
        horizon: Duration::days(365),
        price_cents: 8_000,
        weekly: std::array::from_fn(|_| ranges.clone()),
    }
}

/// The starts, as RFC 3339 UTC, of one whole UTC day's free times.
fn starts_on(rules: &Rules, calendar: &Calendar, day: &str, now: &str) -> Vec<String> {
    let from = utc(&format!("{day}T00:00:00Z"));
    free_times(rules, calendar, from, from + Duration::days(1), utc(now))
        .into_iter()
        .map(|time| time.start.format("%H:%M").to_string())
        .collect()
}

/// Early enough for every case, and within a year of them all.
const LONG_AGO: &str = "2026-11-15T00:00:00Z";

#[test]
fn times_are_laid_out_one_session_and_buffer_apart() {
    // Berlin in winter is UTC+1: 09:00, 10:00, 11:00 local.
    let rules = every_day(Berlin, vec![range("09:00", "12:00")]);
    let calendar = Calendar::default();
    assert_eq!(
        starts_on(&rules, &calendar, "2026-12-07", LONG_AGO),
        ["08:00", "09:00", "10:00"]
    );
    let free = free_times(
        &rules,
        &calendar,
        utc("2026-12-07T00:00:00Z"),
        utc("2026-12-08T00:00:00Z"),
        utc(LONG_AGO),
    );
    assert_eq!(free[0].end, utc("2026-12-07T08:50:00Z"));
}

#[test]
fn ranges_of_one_day_each_give_times() {
    let rules = every_day(
        Berlin,
        vec![range("09:00", "11:00"), range("14:00", "15:00")],
    );
    assert_eq!(
        starts_on(&rules, &Calendar::default(), "2026-12-07", LONG_AGO),
        ["08:00", "09:00", "13:00"]
    );
}

#[test]
fn a_booked_slot_and_its_buffer_are_kept_clear() {
    let rules = every_day(Berlin, vec![range("09:00", "12:00")]);
    // 10:00–10:50 local is booked: 09:00 ends with its buffer right at
    // 10:00 and stays; 11:00 starts after 10:50 + 10 minutes and stays.
    let calendar = Calendar {
        held: vec![Held {
            start: utc("2026-12-07T09:00:00Z"),
            end: utc("2026-12-07T09:50:00Z"),
        }],
        ..Calendar::default()
    };
    assert_eq!(
        starts_on(&rules, &calendar, "2026-12-07", LONG_AGO),
        ["08:00", "10:00"]
    );
    // A slot 09:55–10:45 local: 09:00's buffer would run into it, and 10:00
    // would start inside it.
    let calendar = Calendar {
        held: vec![Held {
            start: utc("2026-12-07T08:55:00Z"),
            end: utc("2026-12-07T09:45:00Z"),
        }],
        ..Calendar::default()
    };
    assert_eq!(
        starts_on(&rules, &calendar, "2026-12-07", LONG_AGO),
        ["10:00"]
    );
}

#[test]
fn a_one_off_slot_hides_the_times_it_overlaps() {
    let rules = every_day(Berlin, vec![range("09:00", "12:00")]);
    let calendar = Calendar {
        held: vec![Held {
            start: utc("2026-12-07T08:30:00Z"),
            end: utc("2026-12-07T09:30:00Z"),
        }],
        ..Calendar::default()
    };
    assert_eq!(
        starts_on(&rules, &calendar, "2026-12-07", LONG_AGO),
        ["10:00"]
    );
}

#[test]
fn minimum_notice_and_horizon_bound_the_times() {
    let mut rules = every_day(Berlin, vec![range("09:00", "12:00")]);
    rules.notice = Duration::hours(2);
    // Now is 08:30 local: 10:30 is the earliest start.
    assert_eq!(
        starts_on(
            &rules,
            &Calendar::default(),
            "2026-12-07",
            "2026-12-07T07:30:00Z"
        ),
        ["10:00"]
    );
    rules.notice = Duration::zero();
    rules.horizon = Duration::days(1);
    // A day after 08:30 local on the 6th is 08:30 on the 7th.
    assert!(starts_on(
        &rules,
        &Calendar::default(),
        "2026-12-07",
        "2026-12-06T07:30:00Z"
    )
    .is_empty());
    assert_eq!(
        starts_on(
            &rules,
            &Calendar::default(),
            "2026-12-07",
            "2026-12-06T08:00:00Z"
        ),
        ["08:00"]
    );
}

#[test]
fn a_day_off_or_other_hours_replace_the_week_on_their_date() {
    let rules = every_day(Berlin, vec![range("09:00", "12:00")]);
    let mut calendar = Calendar::default();
    calendar.overrides.insert(date("2026-12-07"), Vec::new());
    calendar
        .overrides
        .insert(date("2026-12-08"), vec![range("14:00", "16:00")]);
    assert!(starts_on(&rules, &calendar, "2026-12-07", LONG_AGO).is_empty());
    assert_eq!(
        starts_on(&rules, &calendar, "2026-12-08", LONG_AGO),
        ["13:00", "14:00"]
    );
    assert_eq!(
        starts_on(&rules, &calendar, "2026-12-09", LONG_AGO),
        ["08:00", "09:00", "10:00"]
    );
}

#[test]
fn only_the_hours_of_each_weekday_count() {
    let mut rules = every_day(Berlin, Vec::new());
    rules.weekly[usize::from(Weekday::Tuesday.index())] = vec![range("09:00", "10:00")];
    // 2026-12-07 is a Monday, the 8th a Tuesday.
    assert!(starts_on(&rules, &Calendar::default(), "2026-12-07", LONG_AGO).is_empty());
    assert_eq!(
        starts_on(&rules, &Calendar::default(), "2026-12-08", LONG_AGO),
        ["08:00"]
    );
}

#[test]
fn berlin_hours_stay_local_across_both_changes() {
    let rules = every_day(Berlin, vec![range("09:00", "10:00")]);
    let none = Calendar::default();
    // Clocks go forward on Sunday 28 March 2027, back on 31 October 2027.
    assert_eq!(starts_on(&rules, &none, "2027-03-27", LONG_AGO), ["08:00"]);
    assert_eq!(starts_on(&rules, &none, "2027-03-28", LONG_AGO), ["07:00"]);
    assert_eq!(starts_on(&rules, &none, "2027-10-30", LONG_AGO), ["07:00"]);
    assert_eq!(starts_on(&rules, &none, "2027-10-31", LONG_AGO), ["08:00"]);
}

#[test]
fn new_york_hours_stay_local_across_both_changes() {
    let rules = every_day(New_York, vec![range("09:00", "10:00")]);
    let none = Calendar::default();
    // Forward on 14 March 2027, back on 7 November 2027.
    assert_eq!(starts_on(&rules, &none, "2027-03-13", LONG_AGO), ["14:00"]);
    assert_eq!(starts_on(&rules, &none, "2027-03-14", LONG_AGO), ["13:00"]);
    assert_eq!(starts_on(&rules, &none, "2027-11-06", LONG_AGO), ["13:00"]);
    assert_eq!(starts_on(&rules, &none, "2027-11-07", LONG_AGO), ["14:00"]);
}

#[test]
fn the_skipped_hour_offers_nothing_and_the_repeated_hour_once() {
    let mut rules = every_day(Berlin, vec![range("01:00", "04:00")]);
    rules.session = Duration::minutes(60);
    rules.buffer = Duration::zero();
    let from = utc("2027-03-27T12:00:00Z");
    let spring: Vec<_> = free_times(
        &rules,
        &Calendar::default(),
        from,
        from + Duration::days(1),
        utc(LONG_AGO),
    )
    .into_iter()
    .map(|time| time.start)
    .collect();
    // 01:00 CET, (02:00 does not exist), 03:00 CEST.
    assert_eq!(
        spring,
        [utc("2027-03-28T00:00:00Z"), utc("2027-03-28T01:00:00Z")]
    );
    let from = utc("2027-10-30T12:00:00Z");
    let autumn: Vec<_> = free_times(
        &rules,
        &Calendar::default(),
        from,
        from + Duration::days(1),
        utc(LONG_AGO),
    )
    .into_iter()
    .map(|time| time.start)
    .collect();
    // 01:00 CEST, 02:00 CEST (its first occurrence), 03:00 CET.
    assert_eq!(
        autumn,
        [
            utc("2027-10-30T23:00:00Z"),
            utc("2027-10-31T00:00:00Z"),
            utc("2027-10-31T02:00:00Z")
        ]
    );
}

#[test]
fn times_brought_together_by_the_spring_change_do_not_overlap() {
    // 90-minute sessions from midnight: 00:00, 01:30 CET, then 03:00 CEST,
    // which is only 30 real minutes after 01:30 CET and is dropped.
    let mut rules = every_day(Berlin, vec![range("00:00", "06:00")]);
    rules.session = Duration::minutes(90);
    rules.buffer = Duration::zero();
    let from = utc("2027-03-27T20:00:00Z");
    let starts: Vec<_> = free_times(
        &rules,
        &Calendar::default(),
        from,
        from + Duration::hours(12),
        utc(LONG_AGO),
    )
    .into_iter()
    .map(|time| time.start)
    .collect();
    assert_eq!(
        starts,
        [
            utc("2027-03-27T23:00:00Z"),
            utc("2027-03-28T00:30:00Z"),
            utc("2027-03-28T02:30:00Z")
        ]
    );
}

#[test]
fn a_half_hour_zone_moves_times_by_its_offset() {
    let rules = every_day(Kolkata, vec![range("09:00", "11:00")]);
    assert_eq!(
        starts_on(&rules, &Calendar::default(), "2026-12-07", LONG_AGO),
        ["03:30", "04:30"]
    );
}

#[test]
fn a_range_until_midnight_gives_its_last_time() {
    let rules = every_day(Berlin, vec![range("22:00", "24:00")]);
    assert_eq!(
        starts_on(&rules, &Calendar::default(), "2026-12-07", LONG_AGO),
        ["21:00", "22:00"]
    );
    assert_eq!(ClockTime::END_OF_DAY.minutes(), 1440);
}

// --- the property test ---

fn any_zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(vec![
        Berlin,
        New_York,
        Kolkata,
        chrono_tz::Australia::Adelaide,
        chrono_tz::Pacific::Chatham,
        chrono_tz::UTC,
    ])
}

fn any_ranges() -> impl Strategy<Value = Vec<TimeRange>> {
    prop::collection::vec((0u16..1440, 1u16..600), 0..4).prop_map(|pairs| {
        pairs
            .into_iter()
            .filter_map(|(start, length)| {
                Some(TimeRange {
                    start: ClockTime::from_minutes(start)?,
                    end: ClockTime::from_minutes((start + length).min(1440))?,
                })
            })
            .collect()
    })
}

prop_compose! {
    fn any_rules()(
        time_zone in any_zone(),
        session in 15i64..=240,
        buffer in 0i64..=60,
        notice in 0i64..=168,
        horizon in 1i64..=365,
        weekly in prop::array::uniform7(any_ranges()),
    ) -> Rules {
        Rules {
            time_zone,
            session: Duration::minutes(session),
            buffer: Duration::minutes(buffer),
            notice: Duration::hours(notice),
            horizon: Duration::days(horizon),
            price_cents: 5_000,
            weekly,
        }
    }
}

fn any_held(base: DateTime<Utc>) -> impl Strategy<Value = Vec<Held>> {
    prop::collection::vec((0i64..60 * 24 * 40, 15i64..300), 0..40).prop_map(move |pairs| {
        pairs
            .into_iter()
            .map(|(offset, length)| {
                let start = base + Duration::minutes(offset);
                Held {
                    start,
                    end: start + Duration::minutes(length),
                }
            })
            .collect()
    })
}

fn base() -> DateTime<Utc> {
    utc("2027-03-01T00:00:00Z")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_free_time_overlaps_a_held_slot_or_another_free_time(
        rules in any_rules(),
        held in any_held(base()),
        now_offset in 0i64..60 * 24 * 10,
        overrides in prop::collection::btree_map(0u64..40, any_ranges(), 0..5),
    ) {
        let now = base() + Duration::minutes(now_offset);
        let calendar = Calendar {
            overrides: overrides
                .into_iter()
                .map(|(day, ranges)| (base().date_naive() + Days::new(day), ranges))
                .collect(),
            held: held.clone(),
        };
        let from = base();
        let to = base() + Duration::days(40);
        let free = free_times(&rules, &calendar, from, to, now);
        for pair in free.windows(2) {
            prop_assert!(pair[0].end + rules.buffer <= pair[1].start, "{:?} then {:?}", pair[0], pair[1]);
        }
        for time in &free {
            prop_assert_eq!(time.end - time.start, rules.session);
            prop_assert!(time.start >= now + rules.notice);
            prop_assert!(time.start <= now + rules.horizon);
            prop_assert!(time.start >= from && time.start < to);
            for slot in &held {
                let apart = time.end + rules.buffer <= slot.start || slot.end + rules.buffer <= time.start;
                prop_assert!(apart, "{:?} meets held {:?}", time, slot);
            }
        }
    }
}
