//! Changing a session from its card: the reschedule picker, the confirm
//! step, a time taken first, a move refused inside the cutoff, the client's
//! changes closed, cancelling with a reason, and cancelled cards saying who
//! cancelled and why.

use chrono::Duration;
use leptos::prelude::*;
use tandem_api::availability::BookableTime;
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::ErrorCode;

use super::sessions::{ready, sessions};
use crate::booking::changes::SLOT_TAKEN;
use crate::components::session_card::{CardPreset, CardState, CardStep};
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::fixtures::profiles::{day_of_times, target_at};

const PAGE: &str = "sessions";
const TITLE: &str = "Sessions";
/// The session that is being changed: next week's, with notes.
const NEXT_WEEK: i64 = 43;
/// What the server says when a client moves a session inside the cutoff.
pub const INSIDE_CUTOFF: &str =
    "Changes close 24 hours before the start: this session can no longer be moved or cancelled from here. Write to Dr. Maya Okafor if you cannot make it.";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state(
            "reschedule-picker",
            "Reschedule: choosing a new time",
            || changing(some_booked(), |s| s.step.set(CardStep::Rescheduling)),
        ),
        state("reschedule-confirm", "Reschedule: old and new time", || {
            changing(some_booked(), |s| {
                s.step.set(CardStep::Rescheduling);
                s.chosen.set(Some(target_at(11)));
            })
        }),
        state(
            "reschedule-taken",
            "Reschedule: somebody took the time first",
            || {
                changing(day_of_times(|hour| matches!(hour, 10 | 11 | 14)), |s| {
                    s.step.set(CardStep::Rescheduling);
                    s.notice.set(Some(SLOT_TAKEN.to_owned()));
                })
            },
        ),
        state(
            "reschedule-inside-cutoff",
            "Reschedule: refused inside the cutoff",
            || {
                changing(some_booked(), |s| {
                    s.step.set(CardStep::Rescheduling);
                    s.chosen.set(Some(target_at(11)));
                    s.move_error.set(Some(
                        fixtures::refusal(409, ErrorCode::InsideCutoff, INSIDE_CUTOFF)
                            .user_message(),
                    ));
                })
            },
        ),
        state("inside-cutoff", "Changes closed (client)", || {
            let ada = fixtures::ada();
            let upcoming: Vec<Booking> = fixtures::upcoming_sessions()
                .into_iter()
                .filter(|b| b.status == BookingStatus::Active)
                .collect();
            sessions(ada, ready(upcoming), ready(Vec::new()))
        }),
        state("cancel-reason", "Cancel: with a reason", || {
            changing(Vec::new(), |s| {
                s.step.set(CardStep::Cancelling);
                s.reason
                    .set("I have an exam that morning. Sorry for the short notice!".to_owned());
            })
        }),
        state(
            "cancel-reason-too-long",
            "Cancel: the reason is too long",
            || {
                changing(Vec::new(), |s| {
                    s.step.set(CardStep::Cancelling);
                    s.reason.set("I am so sorry. ".repeat(34));
                })
            },
        ),
        state("cancelled", "Cancelled: by whom and why", || {
            sessions(
                fixtures::ada(),
                ready(cancelled_sessions()),
                ready(Vec::new()),
            )
        }),
        state(
            "cancelled-professional",
            "Cancelled: seen by the professional",
            || {
                sessions(
                    fixtures::maya(),
                    ready(cancelled_sessions()),
                    ready(Vec::new()),
                )
            },
        ),
    ]
}

fn some_booked() -> Vec<BookableTime> {
    day_of_times(|hour| matches!(hour, 10 | 14))
}

/// Ada's sessions with next week's card as `setup` leaves it, the
/// picker showing `times` on the day after today.
fn changing(times: Vec<BookableTime>, setup: fn(&CardState)) -> AnyView {
    provide_context(CardPreset {
        booking: tandem_api::BookingId(NEXT_WEEK),
        day: fixtures::booking_day(),
        setup,
        times,
    });
    let upcoming = fixtures::upcoming_sessions()
        .into_iter()
        .filter(|b| b.id.0 == NEXT_WEEK)
        .collect();
    sessions(fixtures::ada(), ready(upcoming), ready(Vec::new()))
}

/// Cancelled by the client without a reason, by the professional with
/// one, and by the server (an account was deleted).
fn cancelled_sessions() -> Vec<Booking> {
    let ada = fixtures::ada();
    let maya = fixtures::maya();
    let day = |days| fixtures::today() + Duration::days(days);
    let mut by_ada = fixtures::booking(
        51,
        fixtures::local_time(day(3), 9, 0),
        BookingStatus::Cancelled,
    );
    by_ada.cancelled_by = Some(ada.id);
    let mut by_maya = fixtures::booking(
        52,
        fixtures::local_time(day(4), 14, 0),
        BookingStatus::Cancelled,
    );
    by_maya.cancelled_by = Some(maya.id);
    by_maya.cancellation_reason = Some(
        "I am ill this week and cannot hold sessions. Please book another time — I have opened extra hours next week."
            .to_owned(),
    );
    let mut by_server = fixtures::booking(
        53,
        fixtures::local_time(day(6), 11, 0),
        BookingStatus::Cancelled,
    );
    by_server.cancellation_reason = Some(tandem_api::account::CANCELLED_ACCOUNT_DELETED.to_owned());
    vec![by_ada, by_maya, by_server]
}
