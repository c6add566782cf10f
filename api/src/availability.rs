//! A professional's weekly hours, rules and date overrides, and the bookable
//! times the server computes from them.
//!
//! Hours are wall-clock times in the professional's own time zone, so 09:00
//! stays 09:00 local across a daylight-saving change.

use crate::ids::{OverrideId, SlotId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

mod rules;
pub use rules::{
    check_ranges, validate, InvalidAvailability, RefusedField, BUFFER_MAX_MINUTES,
    CANCELLATION_CUTOFF_MAX_HOURS, HORIZON_MAX_DAYS, HORIZON_MIN_DAYS, NOTICE_MAX_HOURS,
    OVERRIDES_MAX, RANGES_PER_DAY_MAX, SESSION_MAX_MINUTES, SESSION_MIN_MINUTES,
};

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
