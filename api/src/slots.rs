//! Availability slots that professionals publish.

use crate::ids::{SlotId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Query of `GET /api/professionals/{id}/slots`: the day `date` as seen in
/// the IANA time zone `tz` (for example `Europe/Paris`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct SlotsQuery {
    pub date: NaiveDate,
    pub tz: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    pub id: SlotId,
    pub professional_id: UserId,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub price_cents: i64,
    pub is_booked: bool,
}

/// `GET /api/slots` (professionals only) → 200 `Vec<Slot>`: the caller's own
/// slots that have not ended, soonest first.
///
/// `POST /api/slots` (professionals only) → 201 [`Slot`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateSlotRequest {
    /// In the future.
    pub start_time: DateTime<Utc>,
    /// 15 minutes to 8 hours after the start.
    pub end_time: DateTime<Utc>,
    /// $1 to $250.
    #[cfg_attr(feature = "openapi", schema(minimum = 100, maximum = 25000))]
    pub price_cents: i64,
}
