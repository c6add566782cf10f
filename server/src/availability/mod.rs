//! Availability the way professionals work: weekly hours in their own
//! zone, booking rules (session length, buffer, notice, horizon, price)
//! and date overrides, from which the server computes bookable times.
//!
//! - [`engine`]: the pure rule engine.
//! - [`calendar`]: loads what the engine needs for one professional.
//! - [`bookable`]: a day's times, the next free time, checking a time.
//! - [`settings`]: the professional's own rules and overrides.
//! - [`repo`]: the tables.

pub mod bookable;
pub mod calendar;
pub mod engine;
pub mod repo;
pub mod settings;
