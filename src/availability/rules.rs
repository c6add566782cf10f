//! The rule fields of `/availability` (time zone, session length, buffer,
//! minimum notice, how far ahead, cancellation cutoff, price) as typed, checked one by one, and
//! put together with the weekly hours into the [`Availability`] to save.

use tandem_api::availability::{
    validate, Availability, DayHours, InvalidAvailability, BUFFER_MAX_MINUTES,
    CANCELLATION_CUTOFF_MAX_HOURS, HORIZON_MAX_DAYS, HORIZON_MIN_DAYS, NOTICE_MAX_HOURS,
    SESSION_MAX_MINUTES, SESSION_MIN_MINUTES,
};

use crate::booking::money::parse_price;
use crate::forms;

/// The API's names of the rule fields (the server's messages use them).
pub const TIME_ZONE: &str = "time_zone";
pub const SESSION: &str = "session_minutes";
pub const BUFFER: &str = "buffer_minutes";
pub const NOTICE: &str = "notice_hours";
pub const HORIZON: &str = "horizon_days";
pub const CUTOFF: &str = "cancellation_cutoff_hours";
pub const PRICE: &str = "price_cents";
/// Every rule field, in the order the form shows them.
pub const RULE_FIELDS: [&str; 7] = [TIME_ZONE, SESSION, BUFFER, NOTICE, HORIZON, CUTOFF, PRICE];

/// The rule boxes' text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuleTexts {
    pub time_zone: String,
    pub session: String,
    pub buffer: String,
    pub notice: String,
    pub horizon: String,
    pub cutoff: String,
    pub price: String,
}

impl RuleTexts {
    /// Saved rules as the boxes show them (a price of 8000 cents is `80`).
    pub fn of(availability: &Availability) -> Self {
        Self {
            time_zone: availability.time_zone.clone(),
            session: availability.session_minutes.to_string(),
            buffer: availability.buffer_minutes.to_string(),
            notice: availability.notice_hours.to_string(),
            horizon: availability.horizon_days.to_string(),
            cutoff: availability.cancellation_cutoff_hours.to_string(),
            price: price_text(availability.price_cents),
        }
    }
}

/// `8000` → `"80"`, `5950` → `"59.50"`: what a person would type.
pub fn price_text(cents: i64) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, (cents % 100).abs())
    }
}

pub fn time_zone_error(raw: &str) -> Option<String> {
    forms::time_zone_error(raw)
}

pub fn session_error(raw: &str) -> Option<String> {
    session_minutes(raw).err()
}

pub fn buffer_error(raw: &str) -> Option<String> {
    buffer_minutes(raw).err()
}

pub fn notice_error(raw: &str) -> Option<String> {
    notice_hours(raw).err()
}

pub fn horizon_error(raw: &str) -> Option<String> {
    horizon_days(raw).err()
}

pub fn cutoff_error(raw: &str) -> Option<String> {
    cutoff_hours(raw).err()
}

pub fn price_error(raw: &str) -> Option<String> {
    parse_price(raw).err()
}

fn session_minutes(raw: &str) -> Result<u16, String> {
    whole_number(
        raw,
        SESSION_MIN_MINUTES..=SESSION_MAX_MINUTES,
        "minutes",
        InvalidAvailability::SessionLength,
    )
}

fn buffer_minutes(raw: &str) -> Result<u16, String> {
    whole_number(
        raw,
        0..=BUFFER_MAX_MINUTES,
        "minutes",
        InvalidAvailability::Buffer,
    )
}

fn notice_hours(raw: &str) -> Result<u16, String> {
    whole_number(
        raw,
        0..=NOTICE_MAX_HOURS,
        "hours",
        InvalidAvailability::Notice,
    )
}

fn horizon_days(raw: &str) -> Result<u16, String> {
    whole_number(
        raw,
        HORIZON_MIN_DAYS..=HORIZON_MAX_DAYS,
        "days",
        InvalidAvailability::Horizon,
    )
}

fn cutoff_hours(raw: &str) -> Result<u16, String> {
    whole_number(
        raw,
        0..=CANCELLATION_CUTOFF_MAX_HOURS,
        "hours",
        InvalidAvailability::CancellationCutoff,
    )
}

/// A whole number in `range`; otherwise what to type (`unit`: "minutes"),
/// or the shared rule's message when it is out of range.
fn whole_number(
    raw: &str,
    range: std::ops::RangeInclusive<u16>,
    unit: &str,
    outside: InvalidAvailability,
) -> Result<u16, String> {
    let text = raw.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("Enter a whole number of {unit}."));
    }
    match text.parse::<u16>() {
        Ok(value) if range.contains(&value) => Ok(value),
        _ => Err(outside.to_string()),
    }
}

/// Messages by field path: `session_minutes`, `weekly_hours[0].ranges[1]`.
pub type FieldMessages = Vec<(String, String)>;

/// The rules and hours to save, or every message about them: each box's
/// own check first, then the shared rules ([`validate`]) over the whole.
pub fn assemble(
    texts: &RuleTexts,
    weekly_hours: Vec<DayHours>,
) -> Result<Availability, FieldMessages> {
    let mut messages = FieldMessages::new();
    let mut note = |field: &str, result: Result<u16, String>| match result {
        Ok(value) => value,
        Err(message) => {
            messages.push((field.to_owned(), message));
            0
        }
    };
    let session_minutes = note(SESSION, session_minutes(&texts.session));
    let buffer_minutes = note(BUFFER, buffer_minutes(&texts.buffer));
    let notice_hours = note(NOTICE, notice_hours(&texts.notice));
    let horizon_days = note(HORIZON, horizon_days(&texts.horizon));
    let cancellation_cutoff_hours = note(CUTOFF, cutoff_hours(&texts.cutoff));
    if let Some(message) = time_zone_error(&texts.time_zone) {
        messages.push((TIME_ZONE.to_owned(), message));
    }
    let price_cents = parse_price(&texts.price).unwrap_or_else(|message| {
        messages.push((PRICE.to_owned(), message));
        0
    });
    if !messages.is_empty() {
        return Err(messages);
    }
    let availability = Availability {
        time_zone: texts.time_zone.trim().to_owned(),
        session_minutes,
        buffer_minutes,
        notice_hours,
        horizon_days,
        cancellation_cutoff_hours,
        price_cents,
        weekly_hours,
    };
    let refused = validate(&availability);
    if refused.is_empty() {
        Ok(availability)
    } else {
        Err(refused
            .into_iter()
            .map(|r| (r.field, r.error.to_string()))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::availability::{TimeRange, Weekday};

    fn texts() -> RuleTexts {
        RuleTexts::of(&Availability::starting("Europe/Berlin".into()))
    }

    fn monday(start: &str, end: &str) -> Vec<DayHours> {
        vec![DayHours {
            weekday: Weekday::Monday,
            ranges: vec![TimeRange {
                start: start.parse().unwrap(),
                end: end.parse().unwrap(),
            }],
        }]
    }

    #[test]
    fn saved_rules_read_back_as_typed() {
        let t = texts();
        assert_eq!(
            (t.session.as_str(), t.buffer.as_str(), t.price.as_str()),
            ("50", "10", "80")
        );
        assert_eq!(price_text(5950), "59.50");
        assert_eq!(price_text(105), "1.05");
        let saved = assemble(&t, monday("09:00", "17:00")).unwrap();
        assert_eq!(saved.price_cents, 8000);
        assert_eq!(saved.time_zone, "Europe/Berlin");
        assert_eq!(t.cutoff, "24");
        assert_eq!(saved.cancellation_cutoff_hours, 24);
    }

    #[test]
    fn each_box_says_what_to_type() {
        assert_eq!(
            session_error("50 min"),
            Some("Enter a whole number of minutes.".into())
        );
        assert_eq!(
            session_error("10"),
            Some("A session lasts from 15 to 240 minutes.".into())
        );
        assert_eq!(session_error("99999"), session_error("241"));
        assert_eq!(buffer_error("0"), None);
        assert_eq!(
            buffer_error("61"),
            Some("The buffer is 0 to 60 minutes.".into())
        );
        assert_eq!(notice_error("168"), None);
        assert_eq!(
            notice_error("-1"),
            Some("Enter a whole number of hours.".into())
        );
        assert_eq!(
            horizon_error("0"),
            Some("Clients can book from 1 to 365 days ahead.".into())
        );
        assert_eq!(cutoff_error("0"), None);
        assert_eq!(cutoff_error("72"), None);
        assert_eq!(
            cutoff_error("73"),
            Some("The cancellation cutoff is 0 to 72 hours.".into())
        );
        assert_eq!(
            cutoff_error("1.5"),
            Some("Enter a whole number of hours.".into())
        );
        assert_eq!(price_error("59.5"), None);
        assert_eq!(
            price_error("0.5"),
            Some("The price must be between $1 and $250.".into())
        );
    }

    #[test]
    fn nothing_is_assembled_while_a_box_is_wrong() {
        let mut t = texts();
        t.session = "5".into();
        t.price = String::new();
        let fields: Vec<String> = assemble(&t, Vec::new())
            .unwrap_err()
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(fields, [SESSION, PRICE]);
    }

    #[test]
    fn the_shared_rules_name_the_range() {
        let refused = assemble(&texts(), monday("12:00", "09:00")).unwrap_err();
        assert_eq!(
            refused,
            vec![(
                "weekly_hours[0].ranges[0]".to_owned(),
                "A range must end after it starts.".to_owned()
            )]
        );
        let mut t = texts();
        t.session = "90".into();
        let refused = assemble(&t, monday("09:00", "10:00")).unwrap_err();
        assert_eq!(
            refused[0].1,
            "A range must be at least as long as one session."
        );
    }
}
