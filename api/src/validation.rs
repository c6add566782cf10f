//! Input rules shared by the server (which enforces them) and the SPA (which
//! shows the same messages inline before sending anything).

use chrono::{DateTime, Duration, Utc};
use thiserror::Error;
#[cfg(feature = "nfc")]
use unicode_normalization::UnicodeNormalization;

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const FULL_NAME_MAX_CHARS: usize = 100;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const NOTES_MAX_CHARS: usize = 1000;
/// The longest reason a cancellation may give, in characters.
pub const CANCEL_REASON_MAX_CHARS: usize = 500;
pub const PRICE_MIN_CENTS: i64 = 100;
pub const PRICE_MAX_CENTS: i64 = 25_000;
pub const SLOT_MIN_MINUTES: i64 = 15;
pub const SLOT_MAX_MINUTES: i64 = 8 * 60;
/// How early before the start a participant may join the call.
pub const CALL_JOIN_LEAD_MINUTES: i64 = 10;
/// How long before a session's start either person may tell the other
/// they are running late (until its end).
pub const RUNNING_LATE_LEAD_MINUTES: i64 = 60;
/// Lifetime of a LiveKit access token.
pub const CALL_TOKEN_TTL_SECONDS: i64 = 10 * 60;
/// Most call tokens one user may get in any rolling hour.
pub const CALL_TOKENS_PER_HOUR: u32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InvalidInput {
    #[error("Enter an email address like name@example.com.")]
    Email,
    #[error("Use at least {PASSWORD_MIN_CHARS} characters.")]
    PasswordTooShort,
    #[error("Use at most {PASSWORD_MAX_CHARS} characters.")]
    PasswordTooLong,
    #[error("Enter your name.")]
    NameMissing,
    #[error("Use at most {FULL_NAME_MAX_CHARS} characters.")]
    NameTooLong,
    #[error("A name cannot contain control characters such as tabs or line breaks.")]
    NameControlCharacter,
    #[error(
        "A name cannot contain characters that change the direction of text (such as U+202E)."
    )]
    NameDirectionControl,
    #[error("A name cannot contain invisible characters such as zero-width spaces.")]
    NameInvisibleCharacter,
    #[error("Notes can be at most {NOTES_MAX_CHARS} characters.")]
    NotesTooLong,
    #[error("A reason can be at most {CANCEL_REASON_MAX_CHARS} characters.")]
    ReasonTooLong,
    #[error("The price must be between $1 and $250.")]
    Price,
    #[error("The end must be after the start.")]
    EndBeforeStart,
    #[error("A slot lasts between 15 minutes and 8 hours.")]
    SlotLength,
    #[error("A slot must start in the future.")]
    SlotInPast,
}

/// Trims and lower-cases an email address and checks its shape.
pub fn normalize_email(raw: &str) -> Result<String, InvalidInput> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@').ok_or(InvalidInput::Email)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    let chars_ok = !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if local.is_empty()
        || !domain_ok
        || !chars_ok
        || domain.contains('@')
        || email.chars().count() > EMAIL_MAX_CHARS
    {
        return Err(InvalidInput::Email);
    }
    Ok(email)
}

/// Length only: no composition rules (NIST SP 800-63B).
pub fn check_password(password: &str) -> Result<(), InvalidInput> {
    match password.chars().count() {
        n if n < PASSWORD_MIN_CHARS => Err(InvalidInput::PasswordTooShort),
        n if n > PASSWORD_MAX_CHARS => Err(InvalidInput::PasswordTooLong),
        _ => Ok(()),
    }
}

/// Trims a full name, brings it to Unicode NFC (so that one name has one
/// spelling whatever keyboard typed it; with the `nfc` feature, which the
/// server has and the app leaves out), and checks it is present, not too
/// long, and free of characters that could make it look like something
/// else: control characters, bidirectional overrides, isolates and marks
/// (which can reverse how the text around them reads), and zero-width
/// characters (which make two different names look the same).
pub fn normalize_full_name(raw: &str) -> Result<String, InvalidInput> {
    let name = to_nfc(raw.trim());
    if let Some(refusal) = name.chars().find_map(refused_name_character) {
        return Err(refusal);
    }
    match name.chars().count() {
        0 => Err(InvalidInput::NameMissing),
        n if n > FULL_NAME_MAX_CHARS => Err(InvalidInput::NameTooLong),
        _ => Ok(name),
    }
}

#[cfg(feature = "nfc")]
fn to_nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Without the tables: the text as it is (the server normalises it).
#[cfg(not(feature = "nfc"))]
fn to_nfc(text: &str) -> String {
    text.to_owned()
}

/// Why `c` may not appear in a name, if it may not.
fn refused_name_character(c: char) -> Option<InvalidInput> {
    match c {
        // Embeddings and overrides, isolates, the directional marks, and
        // the Arabic letter mark.
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some(InvalidInput::NameDirectionControl),
        // Zero-width space, non-joiner and joiner, word joiner, and the
        // byte order mark (a zero-width no-break space).
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            Some(InvalidInput::NameInvisibleCharacter)
        }
        c if c.is_control() => Some(InvalidInput::NameControlCharacter),
        _ => None,
    }
}

/// Trims booking notes; empty notes become `None`.
pub fn normalize_notes(raw: Option<&str>) -> Result<Option<String>, InvalidInput> {
    let Some(notes) = raw.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if notes.chars().count() > NOTES_MAX_CHARS {
        return Err(InvalidInput::NotesTooLong);
    }
    Ok(Some(notes.to_owned()))
}

/// Trims a cancellation's reason; an empty one becomes `None`.
pub fn normalize_cancel_reason(raw: Option<&str>) -> Result<Option<String>, InvalidInput> {
    let Some(reason) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    if reason.chars().count() > CANCEL_REASON_MAX_CHARS {
        return Err(InvalidInput::ReasonTooLong);
    }
    Ok(Some(reason.to_owned()))
}

pub fn check_price(price_cents: i64) -> Result<(), InvalidInput> {
    if (PRICE_MIN_CENTS..=PRICE_MAX_CENTS).contains(&price_cents) {
        Ok(())
    } else {
        Err(InvalidInput::Price)
    }
}

/// A new slot: ends after it starts, 15 minutes to 8 hours, in the future.
pub fn check_slot_times(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), InvalidInput> {
    if end <= start {
        return Err(InvalidInput::EndBeforeStart);
    }
    let length = end - start;
    if length < Duration::minutes(SLOT_MIN_MINUTES) || length > Duration::minutes(SLOT_MAX_MINUTES)
    {
        return Err(InvalidInput::SlotLength);
    }
    if start <= now {
        return Err(InvalidInput::SlotInPast);
    }
    Ok(())
}

/// Whether a call for a session from `start` to `end` can be joined at `now`.
pub fn in_call_window(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= start - Duration::minutes(CALL_JOIN_LEAD_MINUTES) && now < end
}

/// Whether `now` is when one may say they are running late: from
/// [`RUNNING_LATE_LEAD_MINUTES`] before the start until the end.
pub fn in_running_late_window(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    now >= start - Duration::minutes(RUNNING_LATE_LEAD_MINUTES) && now < end
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            normalize_email("  Ada@Example.COM ").as_deref(),
            Ok("ada@example.com")
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "a@b@c.com",
            "ada@.com",
        ] {
            assert_eq!(normalize_email(bad), Err(InvalidInput::Email), "{bad:?}");
        }
    }

    #[test]
    fn password_length_bounds_count_characters() {
        assert_eq!(
            check_password("1234567"),
            Err(InvalidInput::PasswordTooShort)
        );
        assert_eq!(check_password("12345678"), Ok(()));
        assert_eq!(
            check_password("ééééééé"),
            Err(InvalidInput::PasswordTooShort)
        );
        assert_eq!(check_password(&"x".repeat(128)), Ok(()));
        assert_eq!(
            check_password(&"x".repeat(129)),
            Err(InvalidInput::PasswordTooLong)
        );
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(
            normalize_full_name("  Ada Lovelace "),
            Ok("Ada Lovelace".into())
        );
        assert_eq!(normalize_full_name("   "), Err(InvalidInput::NameMissing));
        assert_eq!(
            normalize_full_name(&"n".repeat(101)),
            Err(InvalidInput::NameTooLong)
        );
    }

    #[test]
    fn names_are_nfc_and_free_of_look_alike_tricks() {
        use InvalidInput::*;
        // (input, expected)
        let cases: &[(&str, Result<&str, InvalidInput>)] = &[
            ("Ada Lovelace", Ok("Ada Lovelace")),
            ("  Zo\u{EB}  ", Ok("Zo\u{EB}")),
            ("\u{5E9}\u{5E8}\u{5D4}", Ok("\u{5E9}\u{5E8}\u{5D4}")),
            ("\u{674E}\u{5C0F}\u{9F8D}", Ok("\u{674E}\u{5C0F}\u{9F8D}")),
            ("Ada\tLovelace", Err(NameControlCharacter)),
            ("Ada\nLovelace", Err(NameControlCharacter)),
            ("Ada\u{0}", Err(NameControlCharacter)),
            ("Ada\u{7F}", Err(NameControlCharacter)),
            ("Ada\u{85}Lovelace", Err(NameControlCharacter)),
            ("Ada \u{202E}ecalevoL", Err(NameDirectionControl)),
            ("\u{202A}Ada", Err(NameDirectionControl)),
            ("Ada\u{202C}", Err(NameDirectionControl)),
            ("\u{2066}Ada\u{2069}", Err(NameDirectionControl)),
            ("Ada\u{2068}", Err(NameDirectionControl)),
            ("Ada\u{200E}", Err(NameDirectionControl)),
            ("Ada\u{200F}", Err(NameDirectionControl)),
            ("Ada\u{61C}", Err(NameDirectionControl)),
            ("A\u{200B}da", Err(NameInvisibleCharacter)),
            ("A\u{200C}da", Err(NameInvisibleCharacter)),
            ("A\u{200D}da", Err(NameInvisibleCharacter)),
            ("Ada\u{2060}", Err(NameInvisibleCharacter)),
            ("\u{FEFF}Ada", Err(NameInvisibleCharacter)),
            ("   ", Err(NameMissing)),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_full_name(input),
                expected.map(str::to_owned),
                "{input:?}"
            );
        }
    }

    #[cfg(feature = "nfc")]
    #[test]
    fn names_are_brought_to_nfc() {
        // "é" typed as e + combining acute becomes the one character U+00E9.
        assert_eq!(
            normalize_full_name("Rene\u{301}e Dubois"),
            Ok("Ren\u{E9}e Dubois".to_owned())
        );
        // The Angstrom sign becomes the letter Å.
        assert_eq!(
            normalize_full_name("\u{212B}ngstr\u{F6}m"),
            Ok("\u{C5}ngstr\u{F6}m".to_owned())
        );
    }

    #[cfg(feature = "nfc")]
    #[test]
    fn name_length_counts_characters_after_nfc() {
        // 100 decomposed "é" are 200 code points but 100 characters in NFC.
        let decomposed = "e\u{301}".repeat(100);
        assert_eq!(normalize_full_name(&decomposed), Ok("\u{E9}".repeat(100)));
        assert_eq!(
            normalize_full_name(&"e\u{301}".repeat(101)),
            Err(InvalidInput::NameTooLong)
        );
    }

    #[test]
    fn price_is_one_to_two_hundred_fifty_dollars() {
        assert_eq!(check_price(99), Err(InvalidInput::Price));
        assert_eq!(check_price(100), Ok(()));
        assert_eq!(check_price(25_000), Ok(()));
        assert_eq!(check_price(25_001), Err(InvalidInput::Price));
    }

    #[test]
    fn slot_times_rules() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
        let start = now + Duration::hours(1);
        assert_eq!(
            check_slot_times(start, start + Duration::minutes(15), now),
            Ok(())
        );
        assert_eq!(
            check_slot_times(start, start, now),
            Err(InvalidInput::EndBeforeStart)
        );
        assert_eq!(
            check_slot_times(start, start + Duration::minutes(14), now),
            Err(InvalidInput::SlotLength)
        );
        assert_eq!(
            check_slot_times(start, start + Duration::minutes(481), now),
            Err(InvalidInput::SlotLength)
        );
        assert_eq!(
            check_slot_times(now - Duration::hours(1), now, now),
            Err(InvalidInput::SlotInPast)
        );
    }

    #[test]
    fn call_window_opens_ten_minutes_early_and_closes_at_the_end() {
        let start = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
        let end = start + Duration::hours(1);
        assert!(!in_call_window(start, end, start - Duration::minutes(11)));
        assert!(in_call_window(start, end, start - Duration::minutes(10)));
        assert!(in_call_window(start, end, end - Duration::seconds(1)));
        assert!(!in_call_window(start, end, end));
    }

    #[test]
    fn running_late_can_be_said_from_an_hour_before_until_the_end() {
        let start = Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0).unwrap();
        let end = start + Duration::minutes(50);
        assert!(!in_running_late_window(
            start,
            end,
            start - Duration::minutes(61)
        ));
        assert!(in_running_late_window(
            start,
            end,
            start - Duration::minutes(60)
        ));
        assert!(in_running_late_window(
            start,
            end,
            end - Duration::seconds(1)
        ));
        assert!(!in_running_late_window(start, end, end));
    }

    #[test]
    fn times_travel_as_rfc3339_utc() {
        let t = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2026-11-21T09:00:00Z\""
        );
    }
}

/// The limits written into the OpenAPI schemas (as literals, which is what
/// utoipa takes) are the ones enforced here.
#[cfg(all(test, feature = "openapi"))]
mod schema_tests {
    use super::*;
    use utoipa::openapi::schema::Schema;
    use utoipa::openapi::RefOr;
    use utoipa::PartialSchema;

    /// The property `name` of an object schema, or of one of its `allOf`
    /// parts (a `#[serde(flatten)]` field makes those).
    fn property(schema: RefOr<Schema>, name: &str) -> serde_json::Value {
        let json = serde_json::to_value(schema).expect("a schema serializes");
        let parts = json["allOf"].as_array().cloned().unwrap_or_default();
        std::iter::once(&json)
            .chain(parts.iter())
            .map(|part| part["properties"][name].clone())
            .find(|found| !found.is_null())
            .unwrap_or(serde_json::Value::Null)
    }

    #[test]
    fn schema_limits_are_the_validation_limits() {
        let register = crate::auth::RegisterRequest::schema;
        assert_eq!(
            property(register(), "password")["minLength"],
            PASSWORD_MIN_CHARS
        );
        assert_eq!(
            property(register(), "password")["maxLength"],
            PASSWORD_MAX_CHARS
        );
        assert_eq!(
            property(register(), "full_name")["maxLength"],
            FULL_NAME_MAX_CHARS
        );
        assert_eq!(property(register(), "email")["maxLength"], EMAIL_MAX_CHARS);
        let booking = crate::bookings::CreateBookingRequest::schema;
        assert_eq!(property(booking(), "notes")["maxLength"], NOTES_MAX_CHARS);
        let slot = crate::slots::CreateSlotRequest::schema;
        assert_eq!(property(slot(), "price_cents")["minimum"], PRICE_MIN_CENTS);
        assert_eq!(property(slot(), "price_cents")["maximum"], PRICE_MAX_CENTS);
    }
}
