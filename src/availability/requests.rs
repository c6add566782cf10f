//! The weekly hours, rules, date overrides and bookable times endpoints,
//! typed.

use chrono::NaiveDate;
use tandem_api::availability::{Availability, BookableTime, CreateOverrideRequest, DateOverride};
use tandem_api::{paths, OverrideId, UserId};

use crate::api::{self, ApiError};

/// `GET /api/availability`: the signed-in professional's hours and rules.
pub async fn availability() -> Result<Availability, ApiError> {
    api::get(paths::AVAILABILITY).await
}

/// `PUT /api/availability`: saves them; the answer is what was saved.
pub async fn save_availability(availability: &Availability) -> Result<Availability, ApiError> {
    api::put(paths::AVAILABILITY, availability).await
}

/// `GET /api/availability/overrides`: from today on, by date.
pub async fn overrides() -> Result<Vec<DateOverride>, ApiError> {
    api::get(paths::AVAILABILITY_OVERRIDES).await
}

/// `POST /api/availability/overrides`: other hours (none: a day off) on
/// one date, replacing that date's override.
pub async fn create_override(request: &CreateOverrideRequest) -> Result<DateOverride, ApiError> {
    api::post(paths::AVAILABILITY_OVERRIDES, request).await
}

/// `DELETE /api/availability/overrides/{id}`.
pub async fn delete_override(id: OverrideId) -> Result<(), ApiError> {
    api::delete(&paths::availability_override(id)).await
}

/// `GET /api/professionals/{id}/slots`: the bookable times of `date` as a
/// day in the IANA zone `tz`, as clients see them.
pub async fn bookable_times(
    professional: UserId,
    date: NaiveDate,
    tz: &str,
) -> Result<Vec<BookableTime>, ApiError> {
    api::get(&bookable_times_path(professional, date, tz)).await
}

fn bookable_times_path(professional: UserId, date: NaiveDate, tz: &str) -> String {
    let date = date.to_string();
    api::with_query(
        &paths::professional_slots(professional),
        &[("date", &date), ("tz", tz)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_asked_for_in_the_viewers_zone() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(
            bookable_times_path(UserId(4), date, "Europe/Berlin"),
            "/api/professionals/4/slots?date=2026-12-07&tz=Europe%2FBerlin"
        );
    }
}
