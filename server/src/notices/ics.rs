//! Bookings as iCalendar (RFC 5545) objects: the invitation a booking
//! mail carries (`METHOD:REQUEST`, or `METHOD:CANCEL`), the "Add to
//! calendar" file, and a person's calendar feed.
//!
//! A booking keeps one UID for its whole life and its `SEQUENCE` is the
//! booking's revision, so a calendar app updates the one entry it has.
//! Times are UTC.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use tandem_api::bookings::{Booking, BookingStatus};
use url::Url;

/// What the calendar object asks of the app that reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// An invitation, or its update (RFC 5546).
    Request,
    /// The event is off.
    Cancel,
    /// Just the entries (a download, a feed).
    Publish,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
            Self::Publish => "PUBLISH",
        }
    }
}

/// Where the links in calendars and mails point, and who organizes.
#[derive(Debug, Clone)]
pub struct Links {
    pub public_url: Url,
    /// The address mail comes from: the events' organizer.
    pub organizer: String,
}

impl Links {
    pub fn sessions(&self) -> String {
        self.page("/sessions")
    }

    pub fn call(&self, booking: &Booking) -> String {
        self.page(&format!("/call/{}", booking.id.0))
    }

    pub fn account(&self) -> String {
        self.page("/account")
    }

    fn page(&self, path: &str) -> String {
        let mut url = self.public_url.clone();
        url.set_path(path);
        url.to_string()
    }

    /// `booking-<id>@<host>`: the same for the booking's whole life.
    pub fn uid(&self, booking: &Booking) -> String {
        let host = self.public_url.host_str().unwrap_or("tandem.invalid");
        format!("booking-{}@{host}", booking.id.0)
    }
}

/// One booking as a calendar with `method`. `emails` are the client's and
/// the professional's addresses (attendees), when known.
pub fn booking_calendar(
    booking: &Booking,
    method: Method,
    links: &Links,
    emails: Option<(&str, &str)>,
    now: DateTime<Utc>,
) -> String {
    let mut calendar = new_calendar(method);
    calendar.push(event(booking, method, links, emails, now));
    calendar.done().to_string()
}

/// A person's sessions as a feed (`METHOD:PUBLISH`), named for them.
pub fn feed(bookings: &[Booking], links: &Links, now: DateTime<Utc>) -> String {
    let mut calendar = new_calendar(Method::Publish);
    calendar.name("Tandem sessions");
    for booking in bookings {
        calendar.push(event(booking, Method::Publish, links, None, now));
    }
    calendar.done().to_string()
}

fn new_calendar(method: Method) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Tandem//Sessions//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", method.as_str()));
    calendar
}

fn event(
    booking: &Booking,
    method: Method,
    links: &Links,
    emails: Option<(&str, &str)>,
    now: DateTime<Utc>,
) -> Event {
    let call = links.call(booking);
    let cancelled = method == Method::Cancel || booking.status == BookingStatus::Cancelled;
    let mut event = Event::new();
    event
        .uid(&links.uid(booking))
        .sequence(u32::try_from(booking.revision).unwrap_or(u32::MAX))
        .timestamp(now)
        .starts(booking.start_time)
        .ends(booking.end_time)
        .summary(&format!(
            "Tandem session: {} with {}",
            booking.client.full_name, booking.professional.full_name
        ))
        .description(&format!(
            "A video session on Tandem between {} (client) and {} (professional).\n\nJoin the call: {call}\nYour sessions: {}",
            booking.client.full_name,
            booking.professional.full_name,
            links.sessions()
        ))
        .url(&call)
        .location(&call)
        .status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    if method != Method::Publish {
        event.append_property(
            Property::new("ORGANIZER", format!("mailto:{}", links.organizer))
                .add_parameter("CN", "Tandem")
                .done(),
        );
        if let Some((client, professional)) = emails {
            for (address, name) in [
                (client, &booking.client.full_name),
                (professional, &booking.professional.full_name),
            ] {
                event.append_multi_property(
                    Property::new("ATTENDEE", format!("mailto:{address}"))
                        .add_parameter("CN", name)
                        .add_parameter("ROLE", "REQ-PARTICIPANT")
                        .done(),
                );
            }
        }
    }
    event.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use tandem_api::auth::Role;
    use tandem_api::bookings::Participant;
    use tandem_api::{BookingId, SlotId, UserId};

    fn booking(revision: i64) -> Booking {
        let start = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
        Booking {
            id: BookingId(42),
            slot_id: SlotId(7),
            start_time: start,
            end_time: start + chrono::Duration::minutes(50),
            price_cents: 8_000,
            status: BookingStatus::Active,
            notes: None,
            cancellation_reason: None,
            cancelled_by: None,
            client_change_deadline: start,
            revision,
            client: Participant {
                id: UserId(1),
                full_name: "Ada Lovelace".into(),
                role: Role::Client,
            },
            professional: Participant {
                id: UserId(2),
                full_name: "Maya Patel".into(),
                role: Role::Professional,
            },
        }
    }

    fn text(revision: i64, method: Method) -> String {
        let links = Links {
            public_url: Url::parse("https://tandem.example.com").unwrap(),
            organizer: "hello@tandem.example.com".into(),
        };
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        booking_calendar(
            &booking(revision),
            method,
            &links,
            Some(("ada@example.com", "maya@example.com")),
            now,
        )
    }

    #[test]
    fn an_invitation_names_the_booking_its_times_and_its_call() {
        let text = text(0, Method::Request);
        let parsed: Calendar = text.parse().expect("icalendar parses its own output");
        assert_eq!(parsed.property_value("METHOD"), Some("REQUEST"));
        let event = parsed.events().next().expect("one event");
        assert_eq!(event.get_uid(), Some("booking-42@tandem.example.com"));
        assert_eq!(event.get_sequence(), Some(0));
        assert!(text.contains("DTSTART:20261207T090000Z"), "{text}");
        assert!(text.contains("DTEND:20261207T095000Z"), "{text}");
        assert_eq!(event.get_url(), Some("https://tandem.example.com/call/42"));
        assert_eq!(event.get_attendees().len(), 2);
        assert!(text.contains("\r\n"), "lines end with CRLF");
    }

    #[test]
    fn an_update_keeps_the_uid_and_a_cancellation_says_so() {
        let update: Calendar = text(2, Method::Request).parse().unwrap();
        let cancel: Calendar = text(3, Method::Cancel).parse().unwrap();
        let (update, cancel_event) = (
            update.events().next().unwrap().clone(),
            cancel.events().next().unwrap().clone(),
        );
        assert_eq!(update.get_uid(), cancel_event.get_uid());
        assert_eq!(update.get_sequence(), Some(2));
        assert_eq!(cancel_event.get_sequence(), Some(3));
        assert_eq!(cancel.property_value("METHOD"), Some("CANCEL"));
        assert_eq!(cancel_event.get_status(), Some(EventStatus::Cancelled));
    }
}
