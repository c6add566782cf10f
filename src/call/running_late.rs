//! "Running a few minutes late": which note of the room status is the
//! other person's, and how it reads.

use chrono::{DateTime, TimeZone, Utc};
use tandem_api::auth::Role;
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::calls::RoomStatus;
use tandem_api::validation::in_running_late_window;
use tandem_api::UserId;

use crate::booking::time;

/// My side of the booking; `None` if I am neither of its two people.
pub fn my_role(booking: &Booking, me: UserId) -> Option<Role> {
    if booking.client.id == me {
        Some(Role::Client)
    } else if booking.professional.id == me {
        Some(Role::Professional)
    } else {
        None
    }
}

/// Whether I can tell the other person I am running late at `now`: the
/// session is still on and it is the hour before its start or later,
/// before its end (the server's rule).
pub fn can_say(booking: &Booking, now: DateTime<Utc>) -> bool {
    booking.status == BookingStatus::Active
        && in_running_late_window(booking.start_time, booking.end_time, now)
}

/// When the other person (not `mine`) said they are running late, while
/// they are not in the room.
pub fn other_late_since(status: &RoomStatus, mine: Role) -> Option<DateTime<Utc>> {
    status
        .running_late
        .iter()
        .find(|late| late.role != mine)
        .map(|late| late.since)
}

/// "Maya is running a few minutes late (told you at 10:02)." in `tz`.
pub fn notice<Tz: TimeZone>(name: &str, since: DateTime<Utc>, tz: &Tz) -> String {
    format!(
        "{name} is running a few minutes late (told you at {}).",
        time::clock(tz, since)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use tandem_api::calls::RunningLate;

    fn status(late: &[(Role, i64)]) -> RoomStatus {
        RoomStatus {
            active: false,
            participants: vec![],
            running_late: late
                .iter()
                .map(|(role, at)| RunningLate {
                    role: *role,
                    since: DateTime::from_timestamp(*at, 0).unwrap(),
                })
                .collect(),
        }
    }

    #[test]
    fn only_the_other_persons_note_counts() {
        let both = status(&[(Role::Client, 100), (Role::Professional, 200)]);
        assert_eq!(
            other_late_since(&both, Role::Client),
            DateTime::from_timestamp(200, 0)
        );
        assert_eq!(
            other_late_since(&both, Role::Professional),
            DateTime::from_timestamp(100, 0)
        );
        let mine_only = status(&[(Role::Client, 100)]);
        assert_eq!(other_late_since(&mine_only, Role::Client), None);
        assert_eq!(other_late_since(&status(&[]), Role::Client), None);
    }

    #[test]
    fn it_can_be_said_for_a_session_still_on_from_an_hour_before_its_start() {
        use crate::gallery::fixtures::booking;
        use chrono::Duration;
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let on = booking(1, start, BookingStatus::Active);
        assert!(!can_say(&on, start - Duration::minutes(61)));
        assert!(can_say(&on, start - Duration::minutes(60)));
        assert!(can_say(&on, on.end_time - Duration::seconds(1)));
        assert!(!can_say(&on, on.end_time));
        let cancelled = booking(2, start, BookingStatus::Cancelled);
        assert!(!can_say(&cancelled, start));
    }

    #[test]
    fn the_notice_names_them_and_the_time_in_my_zone() {
        let since = DateTime::parse_from_rfc3339("2026-12-02T09:02:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let berlin = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(
            notice("Dr. Maya Okafor", since, &berlin),
            "Dr. Maya Okafor is running a few minutes late (told you at 10:02)."
        );
    }
}
