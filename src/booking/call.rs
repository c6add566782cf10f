//! When a session's video call can be joined, and what to say until then.

use chrono::{DateTime, Duration, Utc};
use tandem_api::validation::{in_call_window, CALL_JOIN_LEAD_MINUTES};

/// Where a session is relative to its call window (which opens
/// [`CALL_JOIN_LEAD_MINUTES`] before the start and closes at the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallWindow {
    /// Too early to join.
    NotYet,
    /// The call can be joined now.
    Open,
    /// The session is over.
    Ended,
}

impl CallWindow {
    pub fn at(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> Self {
        if in_call_window(start, end, now) {
            Self::Open
        } else if now >= end {
            Self::Ended
        } else {
            Self::NotYet
        }
    }
}

/// The hint under a "Join call" button that cannot be pressed yet.
pub fn opens_hint() -> String {
    format!("Opens {CALL_JOIN_LEAD_MINUTES} minutes before the start")
}

/// How long until `start`, for a person: `Starts in 12 min`,
/// `Starts in 2 h 5 min`, `Starts in 3 days`; `Started` once it has.
/// Minutes are rounded up, so it never says "0 min" before the start.
pub fn starts_in(start: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let left = start - now;
    if left <= Duration::zero() {
        return "Started".to_owned();
    }
    let minutes = (left.num_seconds() + 59) / 60;
    match minutes {
        m if m < 60 => format!("Starts in {m} min"),
        m if m < 24 * 60 => match (m / 60, m % 60) {
            (h, 0) => format!("Starts in {h} h"),
            (h, m) => format!("Starts in {h} h {m} min"),
        },
        m => match m / (24 * 60) {
            1 => "Starts in 1 day".to_owned(),
            d => format!("Starts in {d} days"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap()
    }

    #[test]
    fn the_window_opens_ten_minutes_early_and_closes_at_the_end() {
        let end = start() + Duration::minutes(45);
        let at = |now| CallWindow::at(start(), end, now);
        assert_eq!(at(start() - Duration::hours(3)), CallWindow::NotYet);
        assert_eq!(
            at(start() - Duration::minutes(10) - Duration::seconds(1)),
            CallWindow::NotYet
        );
        assert_eq!(at(start() - Duration::minutes(10)), CallWindow::Open);
        assert_eq!(at(start()), CallWindow::Open);
        assert_eq!(at(end - Duration::seconds(1)), CallWindow::Open);
        assert_eq!(at(end), CallWindow::Ended);
        assert_eq!(at(end + Duration::days(1)), CallWindow::Ended);
    }

    #[test]
    fn the_hint_names_the_lead_time() {
        assert_eq!(opens_hint(), "Opens 10 minutes before the start");
    }

    #[test]
    fn starts_in_rounds_minutes_up() {
        let at = |seconds| starts_in(start(), start() - Duration::seconds(seconds));
        assert_eq!(at(12 * 60), "Starts in 12 min");
        assert_eq!(at(11 * 60 + 1), "Starts in 12 min");
        assert_eq!(at(30), "Starts in 1 min");
        assert_eq!(at(1), "Starts in 1 min");
        assert_eq!(at(59 * 60), "Starts in 59 min");
        assert_eq!(at(60 * 60), "Starts in 1 h");
        assert_eq!(at(2 * 3600 + 5 * 60), "Starts in 2 h 5 min");
        assert_eq!(at(23 * 3600 + 59 * 60), "Starts in 23 h 59 min");
        assert_eq!(at(24 * 3600), "Starts in 1 day");
        assert_eq!(at(3 * 24 * 3600 + 7), "Starts in 3 days");
    }

    #[test]
    fn once_started_it_says_so() {
        assert_eq!(starts_in(start(), start()), "Started");
        assert_eq!(
            starts_in(start(), start() + Duration::minutes(5)),
            "Started"
        );
    }
}
