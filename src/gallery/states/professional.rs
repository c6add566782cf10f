//! One professional's page: free times, a fully booked day, a time that
//! somebody else booked first, the booking form, and the confirmation.

use leptos::prelude::*;
use tandem_api::auth::{Professional, User};
use tandem_api::bookings::BookingStatus;
use tandem_api::slots::Slot;
use tandem_api::SlotId;

use crate::components::load_state::Remote;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::professional::{BackToDirectory, ScheduleState, ScheduleView, SLOT_TAKEN};

const PAGE: &str = "professional";
const TITLE: &str = "A professional's page";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("free-times", "Free times", || {
            schedule(fixtures::ada(), some_booked(), |_| {})
        }),
        state("booking-form", "A time chosen", || {
            schedule(fixtures::ada(), some_booked(), |s| {
                s.chosen.set(Some(SlotId(11)));
                s.notes.set("Could we talk about my new job?".into());
            })
        }),
        state("lost-race", "Somebody booked it first", || {
            schedule(
                fixtures::ada(),
                fixtures::day_of_slots(|hour| matches!(hour, 10 | 11 | 14)),
                |s| s.notice.set(Some(SLOT_TAKEN.to_owned())),
            )
        }),
        state("booked", "Booked", || {
            schedule(fixtures::ada(), some_booked(), |s| {
                let start = fixtures::local_time(fixtures::booking_day(), 11, 0);
                s.booked
                    .set(Some(fixtures::booking(45, start, BookingStatus::Active)));
            })
        }),
        state("fully-booked", "A fully booked day", || {
            schedule(fixtures::ada(), fixtures::day_of_slots(|_| true), |_| {})
        }),
        state("no-times", "No times that day", || {
            schedule(fixtures::ada(), Vec::new(), |_| {})
        }),
        state("as-professional", "Seen by a professional", || {
            schedule(fixtures::maya(), some_booked(), |_| {})
        }),
    ]
}

fn some_booked() -> Vec<Slot> {
    fixtures::day_of_slots(|hour| matches!(hour, 10 | 14))
}

fn schedule(viewer: User, slots: Vec<Slot>, setup: fn(&ScheduleState)) -> AnyView {
    show_as(Some(viewer));
    let maya = fixtures::maya();
    let professional = Professional {
        id: maya.id,
        full_name: maya.full_name,
    };
    let today = fixtures::today();
    let state = ScheduleState::new(fixtures::booking_day());
    setup(&state);
    let slots = Remote::fixed(fixtures::booking_day(), Some(Ok(slots)));
    view! {
        <BackToDirectory />
        <ScheduleView professional today state slots />
    }
    .into_any()
}
