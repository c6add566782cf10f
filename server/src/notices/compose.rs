//! The words of each message about a session, as plain text and HTML,
//! with times written in the recipient's time zone, the zone named.

use super::ics::Links;
use super::repo::{Recipient, ReminderKind};
use crate::html::escape;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tandem_api::bookings::Booking;

/// What happened, as one recipient should hear it.
#[derive(Debug, Clone, Copy)]
pub enum Notice<'a> {
    Booked,
    Cancelled {
        /// The name of whoever cancelled, `None` when it was the server
        /// (an account deleted).
        by: Option<&'a str>,
        reason: Option<&'a str>,
    },
    Rescheduled {
        from_start: DateTime<Utc>,
        from_end: DateTime<Utc>,
    },
    Reminder(ReminderKind),
}

/// One message, ready to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The message about `booking` for `to`.
pub fn compose(notice: Notice<'_>, booking: &Booking, to: &Recipient, links: &Links) -> Composed {
    let zone = zone_of(to);
    let is_client = to.id == booking.client.id.0;
    let other = if is_client {
        &booking.professional.full_name
    } else {
        &booking.client.full_name
    };
    let at = when(booking.start_time, booking.end_time, zone);
    let short = short_when(booking.start_time, zone);
    let (subject, lead) = match notice {
        Notice::Booked if is_client => (
            format!("Booked: your session with {other}, {short}"),
            format!("Your session with {other} is booked."),
        ),
        Notice::Booked => (
            format!("New session: {other}, {short}"),
            format!("{other} booked a session with you."),
        ),
        Notice::Cancelled { by, reason } => {
            let who = match by {
                Some(name) if name == to.full_name => "You cancelled".to_owned(),
                Some(name) => format!("{name} cancelled"),
                None => "Tandem cancelled".to_owned(),
            };
            let reason = reason.map_or(String::new(), |reason| format!("\nReason: {reason}"));
            (
                format!("Cancelled: your session with {other}, {short}"),
                format!("{who} your session with {other}.{reason}"),
            )
        }
        Notice::Rescheduled {
            from_start,
            from_end,
        } => (
            format!("Moved: your session with {other}, now {short}"),
            format!(
                "Your session with {other} has moved.\nIt was: {}",
                when(from_start, from_end, zone)
            ),
        ),
        Notice::Reminder(kind) => {
            let soon = match kind {
                ReminderKind::DayBefore => "tomorrow",
                ReminderKind::HourBefore => "in an hour",
            };
            (
                format!("Reminder: your session with {other} {soon}, {short}"),
                format!("Your session with {other} starts {soon}."),
            )
        }
    };
    let cancelled = matches!(notice, Notice::Cancelled { .. });
    let mut lines = vec![
        format!("Hello {},", to.full_name),
        String::new(),
        lead,
        String::new(),
        format!("When: {at}"),
    ];
    if !cancelled {
        if let Some(notes) = &booking.notes {
            lines.push(format!("Notes: {notes}"));
        }
        lines.push(String::new());
        lines.push(format!(
            "Join the call (from 10 minutes before the start): {}",
            links.call(booking)
        ));
        if is_client && booking.client_change_deadline < booking.start_time {
            lines.push(format!(
                "You can reschedule or cancel until {}.",
                short_when(booking.client_change_deadline, zone)
            ));
        }
    }
    lines.push(format!("Your sessions: {}", links.sessions()));
    if let Notice::Reminder(_) = notice {
        lines.push(String::new());
        lines.push(format!(
            "You get reminders because they are on for your account. Turn them off: {}",
            links.account()
        ));
    }
    lines.push(String::new());
    lines.push("Tandem".into());
    let text = lines.join("\n");
    let html = html_of(&lines);
    Composed {
        subject,
        text,
        html,
    }
}

fn zone_of(to: &Recipient) -> Tz {
    to.time_zone
        .as_deref()
        .and_then(crate::time_zone::parse)
        .unwrap_or(Tz::UTC)
}

/// `Monday 7 December 2026, 09:00 to 09:50 (Europe/London, GMT)`.
pub fn when(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
    let start = start.with_timezone(&zone);
    let end = end.with_timezone(&zone);
    format!(
        "{}, {} to {} ({}, {})",
        start.format("%A %-d %B %Y"),
        start.format("%H:%M"),
        end.format("%H:%M"),
        zone.name(),
        start.format("%Z"),
    )
}

/// `Mon 7 Dec, 09:00 (Europe/London)`.
fn short_when(at: DateTime<Utc>, zone: Tz) -> String {
    let at = at.with_timezone(&zone);
    format!("{} ({})", at.format("%a %-d %b, %H:%M"), zone.name())
}

/// The same lines as simple HTML: links made clickable, everything escaped.
fn html_of(lines: &[String]) -> String {
    let mut body = String::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        body.push_str("<p>");
        body.push_str(&linked(line));
        body.push_str("</p>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family: sans-serif; line-height: 1.5\">\n{body}</body></html>\n"
    )
}

/// `line` escaped, with an `http(s)://` address at its end made a link.
fn linked(line: &str) -> String {
    match line.find("http://").or_else(|| line.find("https://")) {
        Some(at) if !line[at..].contains(' ') => {
            let (text, url) = line.split_at(at);
            format!(
                "{}<a href=\"{}\">{}</a>",
                escape(text).replace('\n', "<br>"),
                escape(url),
                escape(url)
            )
        }
        _ => escape(line).replace('\n', "<br>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_written_in_the_zone_and_name_it() {
        let start = Utc.with_ymd_and_hms(2026, 7, 6, 8, 0, 0).unwrap();
        let end = start + chrono::Duration::minutes(50);
        assert_eq!(
            when(start, end, chrono_tz::Europe::London),
            "Monday 6 July 2026, 09:00 to 09:50 (Europe/London, BST)"
        );
        assert_eq!(
            when(start, end, Tz::UTC),
            "Monday 6 July 2026, 08:00 to 08:50 (UTC, UTC)"
        );
    }

    #[test]
    fn html_is_escaped_and_links_are_clickable() {
        assert_eq!(
            linked("Notes: <b>hi</b> & bye"),
            "Notes: &lt;b&gt;hi&lt;/b&gt; &amp; bye"
        );
        assert_eq!(
            linked("Your sessions: https://t.example/sessions"),
            "Your sessions: <a href=\"https://t.example/sessions\">https://t.example/sessions</a>"
        );
    }
}
