//! Watching the booking's room through our API (`GET …/room`) before and
//! during the call: how often to ask, and what the answer means.

use tandem_api::calls::{RoomParticipant, RoomStatus};

/// How often to ask while all is well.
pub const POLL_INTERVAL_MS: u64 = 5_000;
/// The longest wait between two attempts after failures.
pub const MAX_POLL_INTERVAL_MS: u64 = 60_000;

/// The wait before the next request after `failures` failed ones in a row:
/// 5 s, then 10, 20, 40, and at most 60.
pub fn poll_interval_ms(failures: u32) -> u64 {
    POLL_INTERVAL_MS
        .saturating_mul(1 << failures.min(8))
        .min(MAX_POLL_INTERVAL_MS)
}

/// The other participant in the room, if they are there (anyone whose
/// identity is not `me`).
pub fn other_participant<'a>(status: &'a RoomStatus, me: &str) -> Option<&'a RoomParticipant> {
    status.participants.iter().find(|p| p.identity != me)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::auth::Role;

    #[test]
    fn polling_backs_off_up_to_a_minute() {
        let waits: Vec<u64> = (0..7).map(poll_interval_ms).collect();
        assert_eq!(
            waits,
            [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]
        );
        assert_eq!(poll_interval_ms(u32::MAX), 60_000);
    }

    #[test]
    fn the_other_participant_is_anyone_but_me() {
        let person = |identity: &str| RoomParticipant {
            identity: identity.into(),
            name: format!("Person {identity}"),
            role: Role::Client,
        };
        let mut status = RoomStatus {
            active: true,
            participants: vec![person("1")],
            running_late: vec![],
        };
        assert_eq!(other_participant(&status, "1"), None);
        status.participants.push(person("2"));
        assert_eq!(other_participant(&status, "1").unwrap().name, "Person 2");
    }
}
