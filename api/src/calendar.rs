//! Calendars: a booking's `.ics` file, and each person's private
//! calendar feed (`/api/calendar/{token}.ics`) that a calendar app
//! subscribes to.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `GET /api/account/calendar-feed` → 200: whether the person has a feed.
/// Its address is secret and stored only hashed, so it is shown once,
/// when it is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeedStatus {
    /// When the current feed address was made; absent when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
}

/// `POST /api/account/calendar-feed` → 201: a new feed address, which
/// replaces (and stops) any earlier one. `DELETE` → 204 stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeedCreated {
    /// The full `https://…/api/calendar/{token}.ics` address to paste into
    /// a calendar app; anyone who has it can read the person's sessions.
    pub url: String,
    pub created_at: DateTime<Utc>,
}
