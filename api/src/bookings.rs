//! Bookings: one client, one professional, one slot.

use crate::auth::Role;
use crate::availability::BookingTarget;
use crate::ids::{BookingId, SlotId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/bookings` (clients only) → 201 [`Booking`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateBookingRequest {
    /// `{"slot_id": …}` for a published slot, or `{"professional_id": …,
    /// "start_time": …}` for a time from weekly hours.
    #[serde(flatten)]
    pub target: BookingTarget,
    /// Trimmed; at most 1000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Active,
    Cancelled,
}

/// A person on either side of a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participant {
    pub id: UserId,
    pub full_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    pub id: BookingId,
    pub slot_id: SlotId,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub price_cents: i64,
    pub status: BookingStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Why a cancelled session was cancelled, as the person who cancelled
    /// wrote it, or as the server knows it (for example: the other person
    /// deleted their account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_reason: Option<String>,
    /// Who cancelled a cancelled session, when it was one of its people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_by: Option<UserId>,
    /// The last moment the client may still cancel or reschedule: the
    /// start minus the professional's cancellation cutoff. The
    /// professional may do both until the start.
    pub client_change_deadline: DateTime<Utc>,
    /// Starts at 0 and grows by one with each reschedule and with the
    /// cancellation: the `SEQUENCE` of the booking's calendar entry.
    pub revision: i64,
    pub client: Participant,
    pub professional: Participant,
}

/// `POST /api/bookings/{id}/cancel` → 200 [`Booking`], now cancelled. The
/// body is optional; without one the session is cancelled without a reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelBookingRequest {
    /// Trimmed; at most 500 characters; told to the other person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub reason: Option<String>,
}

/// `POST /api/bookings/{id}/reschedule` → 200 [`Booking`]: the same
/// booking (id, notes, call room) at another free time of the same
/// professional. 409 `slot_taken` when that time is not free (any more),
/// 409 `inside_cutoff` for a client inside the cancellation cutoff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RescheduleBookingRequest {
    /// `{"slot_id": …}` for a published slot, or `{"professional_id": …,
    /// "start_time": …}` for a time from weekly hours; the professional
    /// must be the booking's.
    #[serde(flatten)]
    pub target: BookingTarget,
}

impl Booking {
    /// The other person of the booking, seen from `me`.
    pub fn counterpart(&self, me: UserId) -> &Participant {
        if self.client.id == me {
            &self.professional
        } else {
            &self.client
        }
    }
}

/// Which of the caller's sessions `GET /api/bookings` lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingScope {
    /// Sessions that have not ended yet, soonest first (cancelled ones included).
    #[default]
    Upcoming,
    /// Sessions that have ended, most recent first.
    Past,
}

impl BookingScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Past => "past",
        }
    }
}

/// Query of `GET /api/bookings`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct BookingsQuery {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub scope: BookingScope,
    /// The `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// `GET /api/bookings` → 200: one page of the caller's own sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingPage {
    pub items: Vec<Booking>,
    /// Pass back as `cursor` for the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
