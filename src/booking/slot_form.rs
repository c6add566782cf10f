//! The availability form: what a professional types (a local date, start
//! and end times, a price in dollars) checked with the shared rules and
//! turned into the UTC request the API takes.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use tandem_api::slots::{CreateSlotRequest, Slot};
use tandem_api::validation::{check_slot_times, InvalidInput, SLOT_MAX_MINUTES};

use super::money::parse_price;
use super::time::{local_to_utc, parse_date, parse_time, short_date, when};

pub const DATE_MISSING: &str = "Choose a date.";
pub const START_MISSING: &str = "Enter a start time.";
pub const END_MISSING: &str = "Enter an end time.";
pub const TIME_SKIPPED: &str =
    "This time does not exist on that day because the clocks change. Choose another time.";
pub const OVERLAP: &str = "This time overlaps one of your slots. Choose another time.";

/// The fields of the form, as typed (input values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotInput<'a> {
    /// `2026-11-21`
    pub date: &'a str,
    /// `14:30`
    pub start: &'a str,
    /// `15:15`
    pub end: &'a str,
    /// `60` or `59.50`
    pub price: &'a str,
}

/// One field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotField {
    Date,
    Start,
    End,
    Price,
}

impl SlotField {
    /// The form field that shows the server's message for a field of
    /// `POST /api/slots` (`start_time`, `end_time`, `price_cents`).
    pub fn for_request_field(name: &str) -> Option<Self> {
        match name {
            "start_time" => Some(Self::Start),
            "end_time" => Some(Self::End),
            "price_cents" => Some(Self::Price),
            _ => None,
        }
    }
}

/// The message for each field that needs attention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotErrors {
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub price: Option<String>,
}

impl SlotErrors {
    pub fn get(&self, field: SlotField) -> Option<&str> {
        match field {
            SlotField::Date => self.date.as_deref(),
            SlotField::Start => self.start.as_deref(),
            SlotField::End => self.end.as_deref(),
            SlotField::Price => self.price.as_deref(),
        }
    }

    fn slot(&mut self, field: SlotField) -> &mut Option<String> {
        match field {
            SlotField::Date => &mut self.date,
            SlotField::Start => &mut self.start,
            SlotField::End => &mut self.end,
            SlotField::Price => &mut self.price,
        }
    }

    /// Gives `field` this message, unless it already has one.
    pub fn insert(&mut self, field: SlotField, message: impl Into<String>) {
        self.slot(field).get_or_insert_with(|| message.into());
    }

    /// Forgets the message of `field` (it was edited).
    pub fn clear(&mut self, field: SlotField) {
        *self.slot(field) = None;
    }

    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// The first field with a message, in the order of the form.
    pub fn first(&self) -> Option<SlotField> {
        [
            SlotField::Date,
            SlotField::Start,
            SlotField::End,
            SlotField::Price,
        ]
        .into_iter()
        .find(|field| self.get(*field).is_some())
    }
}

/// Whether a slot typed as `start`–`end` ends on the day after its date:
/// the end is not after the start, and read as the next day the slot is
/// no longer than the longest slot allowed (`22:00`–`01:00`). Otherwise an
/// end before the start is a mistake.
pub fn ends_next_day(start: NaiveTime, end: NaiveTime) -> bool {
    end <= start && (end - start).num_minutes() + 24 * 60 <= SLOT_MAX_MINUTES
}

/// The line under the end field when the slot ends on the next day:
/// `Ends the next day, Sun 22 Nov.`
pub fn next_day_note(input: &SlotInput<'_>, today: NaiveDate) -> Option<String> {
    let date = parse_date(input.date)?;
    let (start, end) = (parse_time(input.start)?, parse_time(input.end)?);
    if !ends_next_day(start, end) {
        return None;
    }
    let next = date.checked_add_days(Days::new(1))?;
    Some(format!("Ends the next day, {}.", short_date(next, today)))
}

/// What to say when the server refuses a slot that overlaps another
/// (`409 slot_overlap`): which of the professional's `existing` slots it
/// overlaps, in their own time zone (the server's message names the time
/// in UTC).
pub fn overlap_message<Tz: TimeZone>(
    tz: &Tz,
    request: &CreateSlotRequest,
    existing: &[Slot],
    today: NaiveDate,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    existing
        .iter()
        .find(|slot| slot.start_time < request.end_time && request.start_time < slot.end_time)
        .map(|slot| {
            format!(
                "This time overlaps your slot of {}. Choose another time.",
                when(tz, slot.start_time, slot.end_time, today)
            )
        })
        .unwrap_or_else(|| OVERLAP.to_owned())
}

/// Checks the form at `now`, with times read in `tz`. Every field that
/// needs attention gets its message; otherwise the request to send.
pub fn check<Tz: TimeZone>(
    input: &SlotInput<'_>,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<CreateSlotRequest, SlotErrors> {
    let mut errors = SlotErrors::default();
    let date = parse_date(input.date);
    let start = parse_time(input.start);
    let end = parse_time(input.end);
    if date.is_none() {
        errors.insert(SlotField::Date, DATE_MISSING);
    }
    if start.is_none() {
        errors.insert(SlotField::Start, START_MISSING);
    }
    if end.is_none() {
        errors.insert(SlotField::End, END_MISSING);
    }
    let price = parse_price(input.price)
        .map_err(|message| errors.insert(SlotField::Price, message))
        .ok();

    let times = match (date, start, end) {
        (Some(date), Some(start), Some(end)) => instants(tz, date, start, end, &mut errors),
        _ => None,
    };
    if let Some((start_time, end_time)) = times {
        if let Err(error) = check_slot_times(start_time, end_time, now) {
            let field = match error {
                InvalidInput::SlotInPast => SlotField::Start,
                _ => SlotField::End,
            };
            errors.insert(field, error.to_string());
        }
    }
    match (times, price) {
        (Some((start_time, end_time)), Some(price_cents)) if errors.is_empty() => {
            Ok(CreateSlotRequest {
                start_time,
                end_time,
                price_cents,
            })
        }
        _ => Err(errors),
    }
}

/// The start and end instants; an end that is not after the start either
/// falls on the next day (see [`ends_next_day`]) or is refused.
fn instants<Tz: TimeZone>(
    tz: &Tz,
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    errors: &mut SlotErrors,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let end_date = if end > start {
        date
    } else if ends_next_day(start, end) {
        date.checked_add_days(Days::new(1))?
    } else {
        errors.insert(SlotField::End, InvalidInput::EndBeforeStart.to_string());
        return None;
    };
    let start_time = local_to_utc(tz, date, start);
    let end_time = local_to_utc(tz, end_date, end);
    if start_time.is_none() {
        errors.insert(SlotField::Start, TIME_SKIPPED);
    }
    if end_time.is_none() {
        errors.insert(SlotField::End, TIME_SKIPPED);
    }
    Some((start_time?, end_time?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, FixedOffset};

    const PRICE_RANGE: &str = "The price must be between $1 and $250.";

    fn paris() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 8, 0, 0).unwrap()
    }

    fn input<'a>(date: &'a str, start: &'a str, end: &'a str, price: &'a str) -> SlotInput<'a> {
        SlotInput {
            date,
            start,
            end,
            price,
        }
    }

    #[test]
    fn a_good_slot_becomes_a_utc_request_in_cents() {
        let request = check(
            &input("2026-11-21", "14:30", "15:15", "60"),
            &paris(),
            now(),
        )
        .unwrap();
        assert_eq!(
            request.start_time,
            Utc.with_ymd_and_hms(2026, 11, 21, 13, 30, 0).unwrap()
        );
        assert_eq!(request.end_time - request.start_time, Duration::minutes(45));
        assert_eq!(request.price_cents, 6000);
    }

    #[test]
    fn empty_fields_each_get_a_message() {
        let errors = check(&input("", "", "", ""), &paris(), now()).unwrap_err();
        assert_eq!(errors.date.as_deref(), Some(DATE_MISSING));
        assert_eq!(errors.start.as_deref(), Some(START_MISSING));
        assert_eq!(errors.end.as_deref(), Some(END_MISSING));
        assert_eq!(errors.price.as_deref(), Some("Enter a price."));
        assert_eq!(errors.first(), Some(SlotField::Date));
    }

    #[test]
    fn the_shared_rules_speak_on_the_right_field() {
        let errors = check(
            &input("2026-11-21", "14:30", "14:40", "60"),
            &paris(),
            now(),
        )
        .unwrap_err();
        assert_eq!(
            errors.end.as_deref(),
            Some("A slot lasts between 15 minutes and 8 hours.")
        );
        assert_eq!(errors.first(), Some(SlotField::End));

        // 08:30 in Paris is 07:30 UTC, before `now`.
        let errors = check(
            &input("2026-11-21", "08:30", "09:30", "60"),
            &paris(),
            now(),
        )
        .unwrap_err();
        assert_eq!(
            errors.start.as_deref(),
            Some("A slot must start in the future.")
        );

        let errors = check(
            &input("2026-11-21", "14:30", "15:30", "0.5"),
            &paris(),
            now(),
        )
        .unwrap_err();
        assert_eq!(errors.price.as_deref(), Some(PRICE_RANGE));
        assert_eq!(errors.first(), Some(SlotField::Price));
    }

    #[test]
    fn an_end_before_the_start_is_refused_unless_it_is_overnight() {
        let errors = check(
            &input("2026-11-21", "14:30", "09:00", "60"),
            &paris(),
            now(),
        )
        .unwrap_err();
        assert_eq!(
            errors.end.as_deref(),
            Some("The end must be after the start.")
        );
        let errors = check(
            &input("2026-11-21", "14:30", "14:30", "60"),
            &paris(),
            now(),
        )
        .unwrap_err();
        assert_eq!(
            errors.end.as_deref(),
            Some("The end must be after the start.")
        );

        let request = check(
            &input("2026-11-21", "23:40", "00:25", "60"),
            &paris(),
            now(),
        )
        .unwrap();
        assert_eq!(
            request.end_time,
            Utc.with_ymd_and_hms(2026, 11, 21, 23, 25, 0).unwrap()
        );
        assert_eq!(request.end_time - request.start_time, Duration::minutes(45));
    }

    #[test]
    fn overnight_slots_are_announced() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(
            next_day_note(&input("2026-11-21", "22:00", "01:00", ""), today),
            Some("Ends the next day, Sun 22 Nov.".into())
        );
        assert_eq!(
            next_day_note(&input("2026-11-21", "14:00", "15:00", ""), today),
            None
        );
        assert_eq!(
            next_day_note(&input("2026-11-21", "14:00", "09:00", ""), today),
            None
        );
        assert_eq!(next_day_note(&input("", "22:00", "01:00", ""), today), None);
        assert!(ends_next_day(
            NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(0, 0, 0).unwrap()
        ));
        assert!(!ends_next_day(
            NaiveTime::from_hms_opt(15, 59, 0).unwrap(),
            NaiveTime::from_hms_opt(0, 0, 0).unwrap()
        ));
    }

    #[test]
    fn overlaps_name_the_other_slot_in_local_time() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let at = |h, m| Utc.with_ymd_and_hms(2026, 11, 21, h, m, 0).unwrap();
        let existing = |id, start: DateTime<Utc>, minutes| Slot {
            id: tandem_api::SlotId(id),
            professional_id: tandem_api::UserId(1),
            start_time: start,
            end_time: start + Duration::minutes(minutes),
            price_cents: 6000,
            is_booked: false,
        };
        let slots = [existing(1, at(9, 0), 60), existing(2, at(13, 0), 60)];
        let request = CreateSlotRequest {
            start_time: at(13, 30),
            end_time: at(14, 30),
            price_cents: 6000,
        };
        assert_eq!(
            overlap_message(&paris(), &request, &slots, today),
            "This time overlaps your slot of Sat 21 Nov, 14:00–15:00. Choose another time."
        );
        // Touching ends do not overlap; an unknown clash gets the general message.
        let request = CreateSlotRequest {
            start_time: at(10, 0),
            end_time: at(11, 0),
            price_cents: 6000,
        };
        assert_eq!(overlap_message(&paris(), &request, &slots, today), OVERLAP);
    }

    #[test]
    fn server_fields_map_to_form_fields() {
        assert_eq!(
            SlotField::for_request_field("start_time"),
            Some(SlotField::Start)
        );
        assert_eq!(
            SlotField::for_request_field("end_time"),
            Some(SlotField::End)
        );
        assert_eq!(
            SlotField::for_request_field("price_cents"),
            Some(SlotField::Price)
        );
        assert_eq!(SlotField::for_request_field("tz"), None);
    }
}
