//! Availability and bookings through the HTTP API: professionals and their
//! slots for a day in the viewer's time zone, creating and deleting slots,
//! booking, cancelling, listing sessions, races for the same slot, and
//! the limit on unverified clients' bookings; weekly hours, overrides and
//! booking their computed times; profiles and the directory.

#[path = "../common/mod.rs"]
mod common;
mod support;

mod booking;
mod cancel;
mod day_slots;
mod directory;
mod first_screen;
mod flow;
mod listing;
mod mail_yields;
mod messages;
mod professionals;
mod races;
mod slots;
mod unverified;
mod weekly_hours;
