//! Which part of the call page shows — before joining, in the call, or how
//! it ended — and how it moves on: a pure reducer, [`Stage::apply`], fed
//! by the person's actions and by the room.

use crate::livekit::events::DisconnectReason;

/// Which part of the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Camera preview, devices, "Join call".
    PreJoin,
    /// Connecting or connected (also while reconnecting).
    InCall,
    /// The person pressed "Leave call".
    Left,
    /// The call ended without the person leaving (another tab took over,
    /// the connection was lost).
    Disconnected(Option<DisconnectReason>),
}

/// What moves the page from one stage to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageEvent {
    /// "Join call", or "Rejoin" after the call ended.
    Join,
    /// Joining failed; the page says why, before joining.
    JoinFailed,
    /// "Leave call".
    Leave,
    /// The room disconnected us after we had been connected, without our
    /// leaving.
    ConnectionLost(Option<DisconnectReason>),
}

impl Stage {
    /// The stage after `event`; `false` when it changes nothing (joining
    /// while in the call, a failure or a lost connection after leaving).
    pub fn apply(&mut self, event: StageEvent) -> bool {
        let next = self.next(event);
        let changed = next != *self;
        *self = next;
        changed
    }

    fn next(self, event: StageEvent) -> Self {
        match (self, event) {
            (_, StageEvent::Join) => Self::InCall,
            (Self::InCall, StageEvent::JoinFailed) => Self::PreJoin,
            (_, StageEvent::Leave) => Self::Left,
            (Self::InCall, StageEvent::ConnectionLost(reason)) => Self::Disconnected(reason),
            (stage, StageEvent::JoinFailed | StageEvent::ConnectionLost(_)) => stage,
        }
    }

    /// Whether joining from here is coming back to a call that ended,
    /// which asks for fresh credentials.
    pub fn is_over(self) -> bool {
        matches!(self, Self::Left | Self::Disconnected(_))
    }

    /// Whether the page keeps watching who is in the room.
    pub fn watches_room(self) -> bool {
        matches!(self, Self::PreJoin | Self::InCall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(mut stage: Stage, events: &[StageEvent]) -> Stage {
        for event in events {
            stage.apply(*event);
        }
        stage
    }

    #[test]
    fn join_then_leave() {
        let mut stage = Stage::PreJoin;
        assert!(stage.apply(StageEvent::Join));
        assert_eq!(stage, Stage::InCall);
        assert!(stage.apply(StageEvent::Leave));
        assert_eq!(stage, Stage::Left);
        assert!(stage.is_over());
    }

    #[test]
    fn joining_twice_changes_nothing() {
        let mut stage = Stage::InCall;
        assert!(!stage.apply(StageEvent::Join));
        assert_eq!(stage, Stage::InCall);
    }

    #[test]
    fn a_failed_join_goes_back_before_joining() {
        assert_eq!(
            after(Stage::PreJoin, &[StageEvent::Join, StageEvent::JoinFailed]),
            Stage::PreJoin
        );
    }

    #[test]
    fn a_failure_after_leaving_keeps_the_person_out() {
        // "Leave call" while connecting: the connect fails afterwards.
        assert_eq!(
            after(
                Stage::PreJoin,
                &[StageEvent::Join, StageEvent::Leave, StageEvent::JoinFailed]
            ),
            Stage::Left
        );
    }

    #[test]
    fn a_lost_connection_ends_the_call_with_its_reason() {
        let reason = Some(DisconnectReason::DuplicateIdentity);
        let mut stage = Stage::InCall;
        assert!(stage.apply(StageEvent::ConnectionLost(reason)));
        assert_eq!(stage, Stage::Disconnected(reason));
        assert!(stage.is_over());
        assert!(!stage.watches_room());
    }

    #[test]
    fn the_disconnection_our_leaving_causes_is_not_a_lost_connection() {
        let mut stage = Stage::Left;
        assert!(!stage.apply(StageEvent::ConnectionLost(None)));
        assert_eq!(stage, Stage::Left);
    }

    #[test]
    fn rejoin_after_a_lost_connection_or_leaving() {
        for ended in [Stage::Left, Stage::Disconnected(None)] {
            let mut stage = ended;
            assert!(stage.apply(StageEvent::Join));
            assert_eq!(stage, Stage::InCall);
        }
    }

    #[test]
    fn before_joining_nothing_is_over() {
        assert!(!Stage::PreJoin.is_over());
        assert!(Stage::PreJoin.watches_room());
        assert!(Stage::InCall.watches_room());
        assert!(!Stage::Left.watches_room());
    }
}
