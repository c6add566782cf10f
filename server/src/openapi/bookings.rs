//! The documentation of `/api/bookings…` (the call endpoints are in `calls`).

use super::Endpoint;
use tandem_api::bookings::{
    Booking, BookingPage, BookingsQuery, CancelBookingRequest, CreateBookingRequest,
    RescheduleBookingRequest,
};
use tandem_api::{paths, BookingId, ErrorCode};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(paths::BOOKINGS, "The caller's sessions, a page at a time")
            .description(
                "As the client or the professional. Upcoming sessions soonest first, \
                 past ones most recent first. A cursor this list did not hand out is \
                 refused.",
            )
            .signed_in()
            .query::<BookingsQuery>()
            .answers::<BookingPage>(200, "One page."),
        Endpoint::post(paths::BOOKINGS, "Book a slot or a time from weekly hours")
            .description(
                "Clients only. The body names a published slot (`slot_id`) or a time \
                 computed from a professional's weekly hours (`professional_id` and \
                 `start_time`, as `GET /api/professionals/{id}/slots` lists them). \
                 A time can be booked once: whoever comes second gets `slot_taken`, \
                 as does a time that is no longer free; one that has started is a \
                 `conflict`.",
            )
            .signed_in()
            .json_body::<CreateBookingRequest>()
            .answers::<Booking>(201, "The booking.")
            .refuses(&[
                ErrorCode::Forbidden,
                ErrorCode::NotFound,
                ErrorCode::SlotTaken,
                ErrorCode::Conflict,
            ]),
        Endpoint::get(paths::BOOKING, "One booking")
            .description("For its two people; anyone else gets `not_found`.")
            .signed_in()
            .path_param::<BookingId>("id", "The booking's id.")
            .answers::<Booking>(200, "The booking.")
            .refuses(&[ErrorCode::NotFound]),
        Endpoint::post(paths::BOOKING_CANCEL, "Cancel a booking")
            .description(
                "Either of its two people, before the start; anyone else gets \
                 `not_found`. The client only until the professional's cancellation \
                 cutoff (`inside_cutoff` after it). The optional body gives a reason, \
                 told to the other person. The time is free again; both people get \
                 an email with an iCalendar `METHOD:CANCEL`.",
            )
            .signed_in()
            .path_param::<BookingId>("id", "The booking's id.")
            .optional_json_body::<CancelBookingRequest>()
            .answers::<Booking>(200, "The booking, now cancelled.")
            .refuses(&[
                ErrorCode::NotFound,
                ErrorCode::Conflict,
                ErrorCode::InsideCutoff,
            ]),
        Endpoint::post(paths::BOOKING_RESCHEDULE, "Move a booking to another time")
            .description(
                "Either of its two people, before the start; the client only until \
                 the cancellation cutoff. The body names another free time of the \
                 same professional, as for booking. In one transaction the new time \
                 is taken and the old one freed; the booking keeps its id, notes and \
                 call room, its revision grows by one, and both people get an email \
                 with the updated invitation. Of two people racing for one time, the \
                 second gets `slot_taken`.",
            )
            .signed_in()
            .path_param::<BookingId>("id", "The booking's id.")
            .json_body::<RescheduleBookingRequest>()
            .answers::<Booking>(200, "The booking at its new time.")
            .refuses(&[
                ErrorCode::NotFound,
                ErrorCode::Conflict,
                ErrorCode::SlotTaken,
                ErrorCode::InsideCutoff,
            ]),
        Endpoint::get(paths::BOOKING_CALENDAR, "A booking as an iCalendar file")
            .description(
                "For its two people: one event with the booking's lasting UID, to \
                 add to a calendar.",
            )
            .signed_in()
            .path_param::<BookingId>("id", "The booking's id.")
            .answers_text(200, "text/calendar", "The calendar file.")
            .refuses(&[ErrorCode::NotFound]),
    ]
}
