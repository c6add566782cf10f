//! The rules a professional's weekly hours and settings must keep: the
//! limits of each setting, why a set of rules is refused, and the checks
//! that say so field by field.

use super::{Availability, TimeRange};
use thiserror::Error;

pub const SESSION_MIN_MINUTES: u16 = 15;
pub const SESSION_MAX_MINUTES: u16 = 240;
pub const BUFFER_MAX_MINUTES: u16 = 60;
pub const NOTICE_MAX_HOURS: u16 = 168;
pub const CANCELLATION_CUTOFF_MAX_HOURS: u16 = 72;
pub const HORIZON_MIN_DAYS: u16 = 1;
pub const HORIZON_MAX_DAYS: u16 = 365;
/// Ranges one day may have (weekly or in an override).
pub const RANGES_PER_DAY_MAX: usize = 12;
/// Overrides one professional may have in the future.
pub const OVERRIDES_MAX: usize = 400;

/// Why a set of rules was refused; each names its field in
/// [`validate`]'s answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InvalidAvailability {
    #[error("Write times as HH:MM, from 00:00 to 24:00.")]
    ClockTime,
    #[error("A range must end after it starts.")]
    RangeEndsBeforeStart,
    #[error("Ranges of one day must not overlap.")]
    RangesOverlap,
    #[error("A day can have at most {RANGES_PER_DAY_MAX} ranges.")]
    TooManyRanges,
    #[error("Each weekday can be listed once.")]
    WeekdayTwice,
    #[error("A session lasts from {SESSION_MIN_MINUTES} to {SESSION_MAX_MINUTES} minutes.")]
    SessionLength,
    #[error("The buffer is 0 to {BUFFER_MAX_MINUTES} minutes.")]
    Buffer,
    #[error("Minimum notice is 0 to {NOTICE_MAX_HOURS} hours.")]
    Notice,
    #[error("The cancellation cutoff is 0 to {CANCELLATION_CUTOFF_MAX_HOURS} hours.")]
    CancellationCutoff,
    #[error("Clients can book from {HORIZON_MIN_DAYS} to {HORIZON_MAX_DAYS} days ahead.")]
    Horizon,
    #[error("The price must be between $1 and $250.")]
    Price,
    #[error("A range must be at least as long as one session.")]
    RangeShorterThanSession,
}

/// A refused field: its JSON path (`weekly_hours[2].ranges[0]`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedField {
    pub field: String,
    pub error: InvalidAvailability,
}

/// Checks one day's ranges: each ends after it starts, lasts at least a
/// session, and none overlaps another (touching is fine).
pub fn check_ranges(ranges: &[TimeRange], session_minutes: u16, field: &str) -> Vec<RefusedField> {
    let mut refused = Vec::new();
    if ranges.len() > RANGES_PER_DAY_MAX {
        refused.push(RefusedField {
            field: field.to_owned(),
            error: InvalidAvailability::TooManyRanges,
        });
        return refused;
    }
    for (index, range) in ranges.iter().enumerate() {
        let error = if range.end <= range.start {
            Some(InvalidAvailability::RangeEndsBeforeStart)
        } else if range.minutes() < session_minutes {
            Some(InvalidAvailability::RangeShorterThanSession)
        } else {
            None
        };
        if let Some(error) = error {
            refused.push(RefusedField {
                field: format!("{field}[{index}]"),
                error,
            });
        }
    }
    let mut sorted: Vec<(usize, TimeRange)> = ranges.iter().copied().enumerate().collect();
    sorted.sort_by_key(|(_, range)| *range);
    for pair in sorted.windows(2) {
        let ((_, first), (index, second)) = (pair[0], pair[1]);
        if second.start < first.end {
            refused.push(RefusedField {
                field: format!("{field}[{index}]"),
                error: InvalidAvailability::RangesOverlap,
            });
        }
    }
    refused
}

/// Every rule of [`Availability`] but the time zone's name (the server
/// knows the zones); an empty answer means the rules are valid.
pub fn validate(availability: &Availability) -> Vec<RefusedField> {
    let mut refused = Vec::new();
    let push = |refused: &mut Vec<RefusedField>, field: &str, error| {
        refused.push(RefusedField {
            field: field.to_owned(),
            error,
        })
    };
    let session = availability.session_minutes;
    let session_ok = (SESSION_MIN_MINUTES..=SESSION_MAX_MINUTES).contains(&session);
    if !session_ok {
        push(
            &mut refused,
            "session_minutes",
            InvalidAvailability::SessionLength,
        );
    }
    if availability.buffer_minutes > BUFFER_MAX_MINUTES {
        push(&mut refused, "buffer_minutes", InvalidAvailability::Buffer);
    }
    if availability.notice_hours > NOTICE_MAX_HOURS {
        push(&mut refused, "notice_hours", InvalidAvailability::Notice);
    }
    if availability.cancellation_cutoff_hours > CANCELLATION_CUTOFF_MAX_HOURS {
        push(
            &mut refused,
            "cancellation_cutoff_hours",
            InvalidAvailability::CancellationCutoff,
        );
    }
    if !(HORIZON_MIN_DAYS..=HORIZON_MAX_DAYS).contains(&availability.horizon_days) {
        push(&mut refused, "horizon_days", InvalidAvailability::Horizon);
    }
    if crate::validation::check_price(availability.price_cents).is_err() {
        push(&mut refused, "price_cents", InvalidAvailability::Price);
    }
    let mut seen = Vec::new();
    for (index, day) in availability.weekly_hours.iter().enumerate() {
        let field = format!("weekly_hours[{index}]");
        if seen.contains(&day.weekday) {
            push(&mut refused, &field, InvalidAvailability::WeekdayTwice);
        }
        seen.push(day.weekday);
        // A wrong session length is reported once, not for every range.
        let length = if session_ok { session } else { 0 };
        refused.extend(check_ranges(
            &day.ranges,
            length,
            &format!("{field}.ranges"),
        ));
    }
    refused
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::availability::*;

    fn range(start: &str, end: &str) -> TimeRange {
        TimeRange {
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
        }
    }

    #[test]
    fn clock_times_travel_as_hh_mm() {
        assert_eq!(
            serde_json::to_string(&ClockTime::hm(9, 5).unwrap()).unwrap(),
            "\"09:05\""
        );
        let end: ClockTime = serde_json::from_str("\"24:00\"").unwrap();
        assert_eq!(end, ClockTime::END_OF_DAY);
        for bad in [
            "\"24:01\"",
            "\"9:00\"",
            "\"09:60\"",
            "\"nine\"",
            "\"25:00\"",
        ] {
            assert!(serde_json::from_str::<ClockTime>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn booking_targets_are_told_apart_by_their_fields() {
        let slot: BookingTarget = serde_json::from_str(r#"{"slot_id": 3}"#).unwrap();
        assert_eq!(slot, BookingTarget::Slot { slot_id: SlotId(3) });
        let time: BookingTarget =
            serde_json::from_str(r#"{"professional_id": 4, "start_time": "2026-12-07T08:00:00Z"}"#)
                .unwrap();
        assert!(matches!(
            time,
            BookingTarget::WeeklyHours {
                professional_id: UserId(4),
                ..
            }
        ));
        assert!(serde_json::from_str::<BookingTarget>(r#"{"professional_id": 4}"#).is_err());
    }

    #[test]
    fn overlapping_and_backwards_ranges_are_named() {
        let refused = check_ranges(
            &[
                range("09:00", "12:00"),
                range("11:00", "13:00"),
                range("15:00", "14:00"),
            ],
            50,
            "ranges",
        );
        let fields: Vec<_> = refused
            .iter()
            .map(|r| (r.field.as_str(), r.error))
            .collect();
        assert!(fields.contains(&("ranges[2]", InvalidAvailability::RangeEndsBeforeStart)));
        assert!(fields.contains(&("ranges[1]", InvalidAvailability::RangesOverlap)));
        assert!(
            check_ranges(&[range("09:00", "12:00"), range("12:00", "13:00")], 50, "r").is_empty()
        );
    }

    #[test]
    fn each_rule_is_checked() {
        let mut rules = Availability::starting("Europe/Berlin".into());
        assert!(validate(&rules).is_empty());
        rules.session_minutes = 10;
        rules.buffer_minutes = 61;
        rules.notice_hours = 169;
        rules.horizon_days = 0;
        rules.price_cents = 99;
        rules.weekly_hours = vec![
            DayHours {
                weekday: Weekday::Monday,
                ranges: vec![range("09:00", "09:30")],
            },
            DayHours {
                weekday: Weekday::Monday,
                ranges: vec![],
            },
        ];
        let fields: Vec<_> = validate(&rules).into_iter().map(|r| r.field).collect();
        assert_eq!(
            fields,
            [
                "session_minutes",
                "buffer_minutes",
                "notice_hours",
                "horizon_days",
                "price_cents",
                "weekly_hours[1]"
            ]
        );
        rules.session_minutes = 50;
        let fields: Vec<_> = validate(&rules).into_iter().map(|r| r.field).collect();
        assert!(
            fields.contains(&"weekly_hours[0].ranges[0]".to_owned()),
            "{fields:?}"
        );
    }
}
