//! Availability and bookings through the HTTP API: professionals and their
//! slots for a day in the viewer's time zone, creating and deleting slots,
//! booking, cancelling, listing sessions, and races for the same slot.

#[path = "../common/mod.rs"]
mod common;
mod support;

mod booking;
mod cancel;
mod day_slots;
mod flow;
mod listing;
mod professionals;
mod races;
mod slots;
