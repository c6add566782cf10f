//! The bookable times, slots and bookings endpoints, typed.

use chrono::NaiveDate;
use tandem_api::availability::BookableTime;
use tandem_api::bookings::{
    Booking, BookingPage, BookingScope, CancelBookingRequest, CreateBookingRequest,
    RescheduleBookingRequest,
};
use tandem_api::slots::{CreateSlotRequest, Slot};
use tandem_api::{paths, BookingId, SlotId, UserId};

use crate::api::{self, ApiError};

/// `GET /api/professionals/{id}/slots`: the professional's bookable times
/// of `date` as a day in the IANA zone `tz` (one-off slots and times from
/// weekly hours), not yet started, booked ones included.
pub async fn professional_slots(
    professional: UserId,
    date: NaiveDate,
    tz: &str,
) -> Result<Vec<BookableTime>, ApiError> {
    api::get(&professional_slots_path(professional, date, tz)).await
}

/// `GET /api/slots`: the signed-in professional's slots that have not ended.
pub async fn own_slots() -> Result<Vec<Slot>, ApiError> {
    api::get(paths::SLOTS).await
}

/// `POST /api/slots`: publishes a slot.
pub async fn create_slot(request: &CreateSlotRequest) -> Result<Slot, ApiError> {
    api::post(paths::SLOTS, request).await
}

/// `DELETE /api/slots/{id}`: removes an unbooked slot.
pub async fn delete_slot(slot: SlotId) -> Result<(), ApiError> {
    api::delete(&paths::slot(slot)).await
}

/// `POST /api/bookings`: books a time for the signed-in client.
pub async fn book(request: &CreateBookingRequest) -> Result<Booking, ApiError> {
    api::post(paths::BOOKINGS, request).await
}

/// `POST /api/bookings/{id}/cancel`, with the reason if one was given:
/// the cancelled booking.
pub async fn cancel_booking(
    booking: BookingId,
    request: &CancelBookingRequest,
) -> Result<Booking, ApiError> {
    api::post(&paths::booking_cancel(booking), request).await
}

/// `POST /api/bookings/{id}/reschedule`: the same booking at its new time.
pub async fn reschedule_booking(
    booking: BookingId,
    request: &RescheduleBookingRequest,
) -> Result<Booking, ApiError> {
    api::post(&paths::booking_reschedule(booking), request).await
}

/// `GET /api/bookings`: one page of the signed-in user's sessions.
pub async fn bookings(scope: BookingScope, cursor: Option<&str>) -> Result<BookingPage, ApiError> {
    api::get(&bookings_path(scope, cursor)).await
}

/// The path of a professional's bookable times of `date` in the zone `tz`.
pub(crate) fn professional_slots_path(professional: UserId, date: NaiveDate, tz: &str) -> String {
    let date = date.to_string();
    api::with_query(
        &paths::professional_slots(professional),
        &[("date", &date), ("tz", tz)],
    )
}

/// The path of one page of the signed-in user's sessions.
pub(crate) fn bookings_path(scope: BookingScope, cursor: Option<&str>) -> String {
    let mut params = vec![("scope", scope.as_str())];
    if let Some(cursor) = cursor {
        params.push(("cursor", cursor));
    }
    api::with_query(paths::BOOKINGS, &params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_asked_for_a_day_in_a_zone() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(
            professional_slots_path(UserId(4), date, "America/Argentina/Buenos_Aires"),
            "/api/professionals/4/slots?date=2026-03-07&tz=America%2FArgentina%2FBuenos_Aires"
        );
    }

    #[test]
    fn bookings_are_asked_by_scope_and_cursor() {
        assert_eq!(
            bookings_path(BookingScope::Upcoming, None),
            "/api/bookings?scope=upcoming"
        );
        assert_eq!(
            bookings_path(BookingScope::Past, Some("MjA+Mw==")),
            "/api/bookings?scope=past&cursor=MjA%2BMw%3D%3D"
        );
    }
}
