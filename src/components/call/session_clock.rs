//! The session's clock in the call: time since the booked start and time
//! left until the booked end, ticking every second, and a polite notice
//! (for screen readers too) five minutes before the end.

use chrono::Utc;
use leptos::prelude::*;
use leptos_use_interval_fn::use_interval_fn;
use tandem_api::bookings::Booking;

use crate::call::clock::{read_clock, ClockReading};

/// The clock of `booking`, once it is known. The notice region is always
/// there (empty until needed), so that screen readers announce its words
/// when they come; the ticking clock itself is a `timer`, which they do
/// not read out on every change.
#[component]
pub fn SessionClock(booking: RwSignal<Option<Booking>>) -> impl IntoView {
    let now = RwSignal::new(Utc::now());
    // Stopped when the call view goes.
    let _ticking = use_interval_fn(move || now.set(Utc::now()), 1_000);
    let reading = Memo::new(move |_| {
        booking.with(|booking| {
            booking
                .as_ref()
                .map(|b| read_clock(b.start_time, b.end_time, now.get()))
        })
    });
    let notice = Memo::new(move |_| reading.with(|r| r.as_ref().and_then(|r| r.notice)));
    let part = move |pick: fn(&ClockReading) -> String| {
        move || reading.with(|r| r.as_ref().map(pick).unwrap_or_default())
    };

    view! {
        <p class="call__clock" role="timer" aria-label="Session time">
            <span>{part(|r| r.elapsed.clone())}</span>
            <span class="call__clock-left">{part(|r| r.remaining.clone())}</span>
        </p>
        <p class="call__ending" aria-live="polite">
            {move || notice.get()}
        </p>
    }
}
