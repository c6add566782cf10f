//! One professional's page: the profile, free times, a fully booked day, a
//! time that somebody else booked first, the booking form, and the
//! confirmation.

use leptos::prelude::*;
use tandem_api::auth::User;
use tandem_api::availability::BookableTime;
use tandem_api::bookings::BookingStatus;
use tandem_api::profiles::ProfessionalProfile;

use crate::components::load_state::Remote;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::fixtures::profiles::{day_of_times, maya_profile, new_profile, target_at};
use crate::gallery::frame::show_as;
use crate::pages::professional::{BackToDirectory, ScheduleState, ScheduleView, SLOT_TAKEN};

const PAGE: &str = "professional";
const TITLE: &str = "A professional's page";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("free-times", "Full profile and free times", || {
            schedule(fixtures::ada(), maya_profile(), some_booked(), |_| {})
        }),
        state("new-profile", "A profile with nothing set yet", || {
            schedule(fixtures::ada(), new_profile(), Vec::new(), |_| {})
        }),
        state("booking-form", "A time chosen", || {
            schedule(fixtures::ada(), maya_profile(), some_booked(), |s| {
                s.chosen.set(Some(target_at(11)));
                s.notes.set("Could we talk about my new job?".into());
            })
        }),
        state("lost-race", "Somebody booked it first", || {
            schedule(
                fixtures::ada(),
                maya_profile(),
                day_of_times(|hour| matches!(hour, 10 | 11 | 14)),
                |s| s.notice.set(Some(SLOT_TAKEN.to_owned())),
            )
        }),
        state("booked", "Booked", || {
            schedule(fixtures::ada(), maya_profile(), some_booked(), |s| {
                let start = fixtures::local_time(fixtures::booking_day(), 11, 0);
                s.booked
                    .set(Some(fixtures::booking(45, start, BookingStatus::Active)));
            })
        }),
        state("fully-booked", "A fully booked day", || {
            schedule(
                fixtures::ada(),
                maya_profile(),
                day_of_times(|_| true),
                |_| {},
            )
        }),
        state("no-times", "No times that day", || {
            schedule(fixtures::ada(), maya_profile(), Vec::new(), |_| {})
        }),
        state("as-professional", "Seen by a professional", || {
            schedule(fixtures::maya(), maya_profile(), some_booked(), |_| {})
        }),
    ]
}

fn some_booked() -> Vec<BookableTime> {
    day_of_times(|hour| matches!(hour, 10 | 14))
}

fn schedule(
    viewer: User,
    professional: ProfessionalProfile,
    times: Vec<BookableTime>,
    setup: fn(&ScheduleState),
) -> AnyView {
    show_as(Some(viewer));
    let today = fixtures::today();
    let state = ScheduleState::new(fixtures::booking_day());
    setup(&state);
    let slots = Remote::fixed(fixtures::booking_day(), Some(Ok(times)));
    view! {
        <BackToDirectory />
        <ScheduleView professional today state slots />
    }
    .into_any()
}
