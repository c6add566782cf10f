//! A professional's weekly hours, rules and date overrides, and the bookable
//! times the server computes from them.
//!
//! Hours are wall-clock times in the professional's own time zone, so 09:00
//! stays 09:00 local across a daylight-saving change.

use crate::ids::{OverrideId, SlotId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
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

/// A wall-clock time of day to the minute, `"HH:MM"`; `"24:00"` is the end
/// of the day (only as the end of a range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    pub const MIDNIGHT: Self = Self(0);
    pub const END_OF_DAY: Self = Self(24 * 60);

    /// `None` past 24:00.
    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes <= 24 * 60).then_some(Self(minutes))
    }

    pub fn hm(hour: u16, minute: u16) -> Option<Self> {
        if minute >= 60 {
            return None;
        }
        Self::from_minutes(hour.checked_mul(60)?.checked_add(minute)?)
    }

    /// Minutes after midnight, 0 to 1440.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl std::str::FromStr for ClockTime {
    type Err = InvalidAvailability;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (hour, minute) = text.split_once(':').ok_or(InvalidAvailability::ClockTime)?;
        if hour.len() != 2 || minute.len() != 2 {
            return Err(InvalidAvailability::ClockTime);
        }
        let hour: u16 = hour.parse().map_err(|_| InvalidAvailability::ClockTime)?;
        let minute: u16 = minute.parse().map_err(|_| InvalidAvailability::ClockTime)?;
        Self::hm(hour, minute).ok_or(InvalidAvailability::ClockTime)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ClockTime {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some("^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"))
            .examples(["09:00"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ClockTime {}

/// `[start, end)` on one day; the end is after the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeRange {
    pub start: ClockTime,
    pub end: ClockTime,
}

impl TimeRange {
    pub fn minutes(self) -> u16 {
        self.end.0.saturating_sub(self.start.0)
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Self; 7] = [
        Self::Monday,
        Self::Tuesday,
        Self::Wednesday,
        Self::Thursday,
        Self::Friday,
        Self::Saturday,
        Self::Sunday,
    ];

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> u8 {
        self as u8
    }

    pub fn from_index(index: u8) -> Option<Self> {
        Self::ALL.get(usize::from(index)).copied()
    }

    pub fn from_chrono(day: chrono::Weekday) -> Self {
        Self::ALL[day.num_days_from_monday() as usize]
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Monday => "Monday",
            Self::Tuesday => "Tuesday",
            Self::Wednesday => "Wednesday",
            Self::Thursday => "Thursday",
            Self::Friday => "Friday",
            Self::Saturday => "Saturday",
            Self::Sunday => "Sunday",
        }
    }
}

/// The hours of one weekday; several ranges allow a lunch break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayHours {
    pub weekday: Weekday,
    pub ranges: Vec<TimeRange>,
}

/// `GET /api/availability` → 200, `PUT /api/availability` → 200
/// (professionals only): the caller's weekly hours and booking rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Availability {
    /// The IANA zone the hours are in, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// 15 to 240.
    #[cfg_attr(feature = "openapi", schema(minimum = 15, maximum = 240))]
    pub session_minutes: u16,
    /// Free time kept after each session, 0 to 60.
    #[cfg_attr(feature = "openapi", schema(maximum = 60))]
    pub buffer_minutes: u16,
    /// How long before its start a time can still be booked, 0 to 168.
    #[cfg_attr(feature = "openapi", schema(maximum = 168))]
    pub notice_hours: u16,
    /// How many days ahead clients may book, 1 to 365.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 365))]
    pub horizon_days: u16,
    /// Until how many hours before its start a client may cancel or
    /// reschedule a session, 0 to 72 (0: until the start). Applies to
    /// published slots too; the professional is never held to it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 72))]
    pub cancellation_cutoff_hours: u16,
    /// The price of one session, $1 to $250.
    #[cfg_attr(feature = "openapi", schema(minimum = 100, maximum = 25000))]
    pub price_cents: i64,
    /// Weekdays without an entry (or with no ranges) are days off.
    pub weekly_hours: Vec<DayHours>,
}

impl Availability {
    /// The rules of a professional who never set any: no hours yet.
    pub fn starting(time_zone: String) -> Self {
        Self {
            time_zone,
            session_minutes: 50,
            buffer_minutes: 10,
            notice_hours: 12,
            horizon_days: 60,
            cancellation_cutoff_hours: 24,
            price_cents: 8_000,
            weekly_hours: Vec::new(),
        }
    }

    /// The ranges of one weekday, empty for a day off.
    pub fn ranges_of(&self, weekday: Weekday) -> &[TimeRange] {
        self.weekly_hours
            .iter()
            .find(|day| day.weekday == weekday)
            .map(|day| day.ranges.as_slice())
            .unwrap_or(&[])
    }
}

/// `POST /api/availability/overrides` (professionals only) → 201
/// [`DateOverride`]: other hours on one date, replacing any override that
/// date had. No ranges makes it a day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateOverrideRequest {
    /// A date in the professional's zone, today or later.
    pub date: NaiveDate,
    #[serde(default)]
    pub ranges: Vec<TimeRange>,
}

/// One entry of `GET /api/availability/overrides`: the caller's overrides
/// from today on, by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateOverride {
    pub id: OverrideId,
    pub date: NaiveDate,
    /// Empty: a day off.
    pub ranges: Vec<TimeRange>,
}

/// What `POST /api/bookings` needs to book a time: a published slot's id,
/// or a time computed from the professional's weekly hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum BookingTarget {
    Slot {
        slot_id: SlotId,
    },
    WeeklyHours {
        professional_id: UserId,
        start_time: DateTime<Utc>,
    },
}

/// Where a bookable time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeSource {
    /// A slot the professional published on its own.
    OneOff,
    /// The professional's weekly hours (or a date override).
    WeeklyHours,
}

/// One entry of `GET /api/professionals/{id}/slots`: a time of that day
/// that has not started, free or booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookableTime {
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub price_cents: i64,
    pub is_booked: bool,
    pub source: TimeSource,
    /// The body's target for `POST /api/bookings`.
    pub book: BookingTarget,
}

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
