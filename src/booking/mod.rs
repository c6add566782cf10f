//! Booking sessions: the typed API calls for professionals, slots and
//! bookings ([`requests`]), and the pure rules the booking pages share:
//! prices ([`money`]), local dates and times ([`time`]), the availability
//! form ([`slot_form`]), when a call can be joined ([`call`]) and who may
//! still cancel or move a session ([`changes`]).
//!
//! Everything but [`requests`] and [`time::browser_time_zone`] is plain Rust,
//! tested natively without a browser. Functions that depend on the viewer's
//! time zone take it as a `chrono::TimeZone`: the pages pass `chrono::Local`
//! (the browser's zone, through chrono's `wasmbind` feature), the tests a
//! fixed offset.

pub mod call;
pub mod changes;
pub mod money;
pub mod requests;
pub mod slot_form;
pub mod time;
