//! The session's clock in the call: time since the booked start, time left
//! until the booked end, and the gentle notice shortly before the end.

use chrono::{DateTime, Duration, Utc};

/// How long before the booked end the call says the session is ending.
pub const ENDING_NOTICE_MINUTES: i64 = 5;

/// What the clock shows at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockReading {
    /// "12:05 elapsed", or "Starts in 3 min" before the booked start.
    pub elapsed: String,
    /// "48 min left", "Less than a minute left", or "Booked time is over".
    pub remaining: String,
    /// Said once, politely, to screen readers too: the session ends soon,
    /// or its booked time is over. The text stays the same for the whole
    /// stretch, so that it is announced once and not every second.
    pub notice: Option<&'static str>,
}

/// The clock of a session booked from `start` to `end`, at `now`.
pub fn read_clock(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>) -> ClockReading {
    let elapsed = if now < start {
        format!("Starts in {}", minutes(start - now))
    } else {
        format!("{} elapsed", stopwatch(now - start))
    };
    let left = end - now;
    let remaining = if left <= Duration::zero() {
        "Booked time is over".to_owned()
    } else if left < Duration::minutes(1) {
        "Less than a minute left".to_owned()
    } else {
        format!("{} left", minutes(left))
    };
    let notice = if left <= Duration::zero() {
        Some("The booked time for this session is over.")
    } else if left <= Duration::minutes(ENDING_NOTICE_MINUTES) {
        Some("This session ends in 5 minutes or less.")
    } else {
        None
    };
    ClockReading {
        elapsed,
        remaining,
        notice,
    }
}

/// "05:07", or "1:02:03" from an hour on.
fn stopwatch(span: Duration) -> String {
    let seconds = span.num_seconds().max(0);
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}

/// Whole minutes, rounded up: "1 min", "48 min".
fn minutes(span: Duration) -> String {
    let minutes = (span.num_seconds().max(0) + 59) / 60;
    format!("{} min", minutes.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, m, s).unwrap()
    }

    fn reading(now: DateTime<Utc>) -> ClockReading {
        read_clock(at(9, 0, 0), at(10, 0, 0), now)
    }

    #[test]
    fn during_the_session_it_counts_up_and_down() {
        let clock = reading(at(9, 12, 5));
        assert_eq!(clock.elapsed, "12:05 elapsed");
        assert_eq!(clock.remaining, "48 min left");
        assert_eq!(clock.notice, None);
        // Part of a minute counts as a minute left.
        assert_eq!(reading(at(9, 12, 6)).remaining, "48 min left");
        assert_eq!(reading(at(9, 11, 59)).remaining, "49 min left");
    }

    #[test]
    fn before_the_start_it_says_when_it_starts() {
        let clock = reading(at(8, 57, 30));
        assert_eq!(clock.elapsed, "Starts in 3 min");
        assert_eq!(clock.remaining, "63 min left");
    }

    #[test]
    fn five_minutes_before_the_end_comes_one_steady_notice() {
        assert_eq!(reading(at(9, 54, 59)).notice, None);
        let first = reading(at(9, 55, 0));
        assert_eq!(
            first.notice,
            Some("This session ends in 5 minutes or less.")
        );
        assert_eq!(first.remaining, "5 min left");
        // The same words until the end: announced once, not every second.
        assert_eq!(reading(at(9, 59, 30)).notice, first.notice);
        assert_eq!(reading(at(9, 59, 30)).remaining, "Less than a minute left");
    }

    #[test]
    fn after_the_end_it_says_the_time_is_over() {
        let clock = reading(at(10, 3, 0));
        assert_eq!(clock.elapsed, "1:03:00 elapsed");
        assert_eq!(clock.remaining, "Booked time is over");
        assert_eq!(
            clock.notice,
            Some("The booked time for this session is over.")
        );
    }
}
