//! Changing a booked session: whether its person may still cancel or move
//! it, the professional's cancellation cutoff in words, who cancelled, and
//! the reason's limit (the same check as the server's).

use chrono::{DateTime, Utc};
use tandem_api::auth::{Role, User};
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::validation::normalize_cancel_reason;
use tandem_api::ErrorCode;

use crate::api::ApiError;

/// What a person is told when somebody else took the chosen time first.
pub const SLOT_TAKEN: &str = "Someone booked this time a moment ago. Pick another time.";

/// Whether the viewer may cancel or move a session now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRight {
    /// Both are open.
    Open,
    /// The client's changes closed `hours` hours before the start (the
    /// professional's cutoff); the session has not started yet.
    Closed { hours: i64 },
    /// Cancelled, started or over: nothing to change.
    Gone,
}

/// What `me` may do with `booking` at `now`: the client until the
/// booking's change deadline, the professional until the start.
pub fn change_right(booking: &Booking, me: &User, now: DateTime<Utc>) -> ChangeRight {
    if booking.status == BookingStatus::Cancelled || now >= booking.start_time {
        return ChangeRight::Gone;
    }
    if me.role == Role::Professional || now < booking.client_change_deadline {
        return ChangeRight::Open;
    }
    ChangeRight::Closed {
        hours: cutoff_hours(booking),
    }
}

/// The professional's cutoff that made the deadline, in whole hours.
fn cutoff_hours(booking: &Booking) -> i64 {
    let minutes = (booking.start_time - booking.client_change_deadline).num_minutes();
    (minutes + 30).div_euclid(60).max(0)
}

/// "1 hour", "24 hours".
fn hours_text(hours: i64) -> String {
    if hours == 1 {
        "1 hour".to_owned()
    } else {
        format!("{hours} hours")
    }
}

/// The line under disabled Cancel and Reschedule buttons.
pub fn closed_note(hours: i64) -> String {
    if hours <= 0 {
        "Changes closed at the start.".to_owned()
    } else {
        format!("Changes closed {} before the start.", hours_text(hours))
    }
}

/// The cutoff as a client reads it before booking.
pub fn cutoff_policy(hours: u16) -> String {
    if hours == 0 {
        "Free cancellation and rescheduling until the start.".to_owned()
    } else {
        format!(
            "Free cancellation and rescheduling until {} before the start.",
            hours_text(i64::from(hours))
        )
    }
}

/// "Cancelled by you", "Cancelled by Dr. Maya Okafor", or nothing when
/// neither person did (the server cancelled it).
pub fn cancelled_by(booking: &Booking, me: &User) -> Option<String> {
    let by = booking.cancelled_by?;
    if by == me.id {
        return Some("Cancelled by you".to_owned());
    }
    [&booking.client, &booking.professional]
        .into_iter()
        .find(|person| person.id == by)
        .map(|person| format!("Cancelled by {}", person.full_name))
}

/// Why a typed reason cannot be sent, as the server would say it.
pub fn reason_error(raw: &str) -> Option<String> {
    normalize_cancel_reason(Some(raw))
        .err()
        .map(|e| e.to_string())
}

/// What a refused cancel or move means for the session card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The new time was taken first: say so and load the times again.
    Taken,
    /// The session changed meanwhile (cancelled, started, gone): the
    /// server's message, and the list is loaded again.
    Stale(String),
    /// Anything else, said in the card: the server's message (inside the
    /// cutoff, say) or why it did not get through.
    Here(String),
}

pub fn refusal(error: &ApiError) -> Refusal {
    match error.code() {
        Some(ErrorCode::SlotTaken) => Refusal::Taken,
        Some(ErrorCode::InsideCutoff) => Refusal::Here(error.user_message()),
        _ if error.status() == Some(409) || error.is_not_found() => {
            Refusal::Stale(error.user_message())
        }
        _ => Refusal::Here(error.user_message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use tandem_api::bookings::Participant;
    use tandem_api::validation::CANCEL_REASON_MAX_CHARS;
    use tandem_api::{BookingId, SlotId, UserId};

    fn person(id: i64, name: &str, role: Role) -> User {
        User {
            id: UserId(id),
            email: format!("{id}@example.com"),
            full_name: name.to_owned(),
            role,
            verified: true,
        }
    }

    fn client() -> User {
        person(1, "Ada Lovelace", Role::Client)
    }

    fn professional() -> User {
        person(2, "Dr. Maya Okafor", Role::Professional)
    }

    fn participant(user: &User) -> Participant {
        Participant {
            id: user.id,
            full_name: user.full_name.clone(),
            role: user.role,
        }
    }

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap()
    }

    fn booking(cutoff_hours: i64) -> Booking {
        Booking {
            id: BookingId(7),
            slot_id: SlotId(3),
            start_time: start(),
            end_time: start() + Duration::minutes(50),
            price_cents: 9_000,
            status: BookingStatus::Active,
            notes: None,
            cancellation_reason: None,
            cancelled_by: None,
            client_change_deadline: start() - Duration::hours(cutoff_hours),
            revision: 0,
            client: participant(&client()),
            professional: participant(&professional()),
        }
    }

    #[test]
    fn the_client_may_change_until_the_deadline_the_professional_until_the_start() {
        let b = booking(24);
        let before = start() - Duration::hours(25);
        let inside = start() - Duration::hours(2);
        assert_eq!(change_right(&b, &client(), before), ChangeRight::Open);
        assert_eq!(
            change_right(&b, &client(), b.client_change_deadline),
            ChangeRight::Closed { hours: 24 }
        );
        assert_eq!(
            change_right(&b, &client(), inside),
            ChangeRight::Closed { hours: 24 }
        );
        assert_eq!(change_right(&b, &professional(), inside), ChangeRight::Open);
        assert_eq!(
            change_right(&b, &professional(), start()),
            ChangeRight::Gone
        );
        assert_eq!(change_right(&b, &client(), start()), ChangeRight::Gone);
    }

    #[test]
    fn without_a_cutoff_the_client_may_change_until_the_start() {
        let b = booking(0);
        let just_before = start() - Duration::minutes(1);
        assert_eq!(change_right(&b, &client(), just_before), ChangeRight::Open);
        assert_eq!(change_right(&b, &client(), start()), ChangeRight::Gone);
    }

    #[test]
    fn a_cancelled_session_cannot_be_changed() {
        let mut b = booking(24);
        b.status = BookingStatus::Cancelled;
        let early = start() - Duration::days(3);
        assert_eq!(change_right(&b, &professional(), early), ChangeRight::Gone);
    }

    #[test]
    fn the_cutoff_is_said_in_hours() {
        assert_eq!(closed_note(24), "Changes closed 24 hours before the start.");
        assert_eq!(closed_note(1), "Changes closed 1 hour before the start.");
        assert_eq!(
            cutoff_policy(0),
            "Free cancellation and rescheduling until the start."
        );
        assert_eq!(
            cutoff_policy(1),
            "Free cancellation and rescheduling until 1 hour before the start."
        );
        assert_eq!(
            cutoff_policy(48),
            "Free cancellation and rescheduling until 48 hours before the start."
        );
    }

    #[test]
    fn who_cancelled_is_you_or_the_other_persons_name() {
        let mut b = booking(24);
        b.status = BookingStatus::Cancelled;
        assert_eq!(cancelled_by(&b, &client()), None);
        b.cancelled_by = Some(client().id);
        assert_eq!(
            cancelled_by(&b, &client()).as_deref(),
            Some("Cancelled by you")
        );
        assert_eq!(
            cancelled_by(&b, &professional()).as_deref(),
            Some("Cancelled by Ada Lovelace")
        );
        b.cancelled_by = Some(UserId(99));
        assert_eq!(cancelled_by(&b, &client()), None);
    }

    fn server(status: u16, code: ErrorCode, message: &str) -> ApiError {
        ApiError::Server {
            status,
            body: tandem_api::ErrorBody::new(code, message),
        }
    }

    #[test]
    fn refusals_are_said_where_they_belong() {
        let taken = server(
            409,
            ErrorCode::SlotTaken,
            "Somebody booked this time first.",
        );
        assert_eq!(refusal(&taken), Refusal::Taken);
        let cutoff =
            "Changes close 24 hours before the start: this session can no longer be moved.";
        assert_eq!(
            refusal(&server(409, ErrorCode::InsideCutoff, cutoff)),
            Refusal::Here(cutoff.to_owned())
        );
        assert_eq!(
            refusal(&server(
                409,
                ErrorCode::Conflict,
                "This session was cancelled."
            )),
            Refusal::Stale("This session was cancelled.".to_owned())
        );
        assert_eq!(
            refusal(&server(404, ErrorCode::NotFound, "No such session.")),
            Refusal::Stale("No such session.".to_owned())
        );
        let other = server(
            422,
            ErrorCode::ValidationFailed,
            "Pick a time of the same professional.",
        );
        assert_eq!(
            refusal(&other),
            Refusal::Here("Pick a time of the same professional.".to_owned())
        );
        assert!(matches!(
            refusal(&ApiError::Network("Failed to fetch".into())),
            Refusal::Here(m) if m.contains("could not reach")
        ));
    }

    #[test]
    fn a_reason_is_at_most_500_characters_once_trimmed() {
        assert_eq!(reason_error(""), None);
        assert_eq!(
            reason_error(&format!(" {} ", "x".repeat(CANCEL_REASON_MAX_CHARS))),
            None
        );
        assert_eq!(
            reason_error(&"x".repeat(CANCEL_REASON_MAX_CHARS + 1)),
            Some("A reason can be at most 500 characters.".to_owned())
        );
    }
}
