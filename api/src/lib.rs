//! The HTTP contract between the Tandem API server and the single-page app.
//!
//! Both sides compile against this crate, so a path, a field name or an error
//! code cannot differ between them. Times travel as RFC 3339 strings in UTC
//! (`2026-11-21T09:00:00Z`); dates as `YYYY-MM-DD`.

pub mod account;
pub mod auth;
pub mod availability;
pub mod bookings;
pub mod calendar;
pub mod calls;
pub mod error;
pub mod health;
pub mod ids;
pub mod paths;
pub mod profiles;
pub mod slots;
pub mod validation;

pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldError};
pub use ids::{BookingId, OverrideId, SlotId, UserId};
