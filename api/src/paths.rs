//! Every API path, in one place.
//!
//! The constants are route templates in axum's syntax (`{id}`), used as they
//! are by the server's router; the functions fill them in for the client.

use crate::ids::{BookingId, OverrideId, SlotId, UserId};

pub const HEALTH: &str = "/api/health";
/// The process serves requests (for a load balancer's liveness probe).
pub const HEALTH_LIVE: &str = "/api/health/live";
/// The process can take traffic: its database answers.
pub const HEALTH_READY: &str = "/api/health/ready";

pub const AUTH_REGISTER: &str = "/api/auth/register";
pub const AUTH_LOGIN: &str = "/api/auth/login";
pub const AUTH_LOGOUT: &str = "/api/auth/logout";
pub const AUTH_ME: &str = "/api/auth/me";
pub const AUTH_VERIFICATION: &str = "/api/auth/verification";
pub const AUTH_VERIFICATION_CONFIRM: &str = "/api/auth/verification/confirm";
pub const AUTH_PASSWORD_RESET: &str = "/api/auth/password-reset";
pub const AUTH_PASSWORD_RESET_CONFIRM: &str = "/api/auth/password-reset/confirm";

/// `GET`, `PUT` and `DELETE`: the signed-in person's own account.
pub const ACCOUNT: &str = "/api/account";
pub const ACCOUNT_PASSWORD: &str = "/api/account/password";
pub const ACCOUNT_SIGN_OUT_EVERYWHERE: &str = "/api/account/sign-out-everywhere";
/// `GET` the status, `POST` a new address, `DELETE` it: the person's
/// private calendar feed.
pub const ACCOUNT_CALENDAR_FEED: &str = "/api/account/calendar-feed";

/// `GET`: a private calendar feed, `{token}.ics`; 404 for a stopped one.
pub const CALENDAR_FEED: &str = "/api/calendar/{file}";
/// `POST` with `?token=`: turns reminder emails off (the one-click
/// `List-Unsubscribe` of RFC 8058).
pub const REMINDERS_UNSUBSCRIBE: &str = "/api/reminders/unsubscribe";

/// `GET`: the directory, searched and filtered (`DirectoryQuery`).
pub const PROFESSIONALS: &str = "/api/professionals";
/// `GET`: one professional's profile with their next free time.
pub const PROFESSIONAL: &str = "/api/professionals/{id}";
pub const PROFESSIONAL_SLOTS: &str = "/api/professionals/{id}/slots";

/// `POST`: a professional creates a slot; `GET`: their own upcoming slots.
pub const SLOTS: &str = "/api/slots";
pub const SLOT: &str = "/api/slots/{id}";

/// `GET` and `PUT`: the caller's weekly hours and booking rules.
pub const AVAILABILITY: &str = "/api/availability";
/// `GET`: the caller's date overrides from today; `POST`: add one.
pub const AVAILABILITY_OVERRIDES: &str = "/api/availability/overrides";
pub const AVAILABILITY_OVERRIDE: &str = "/api/availability/overrides/{id}";

/// `GET` and `PUT`: the calling professional's own profile.
pub const PROFILE: &str = "/api/profile";

pub const BOOKINGS: &str = "/api/bookings";
/// `GET`: one booking, for its two people.
pub const BOOKING: &str = "/api/bookings/{id}";
pub const BOOKING_CANCEL: &str = "/api/bookings/{id}/cancel";
pub const BOOKING_RESCHEDULE: &str = "/api/bookings/{id}/reschedule";
/// `GET`: the booking as an iCalendar file ("Add to calendar").
pub const BOOKING_CALENDAR: &str = "/api/bookings/{id}/calendar.ics";
pub const BOOKING_CALL: &str = "/api/bookings/{id}/call";
pub const BOOKING_ROOM: &str = "/api/bookings/{id}/room";
pub const BOOKING_RUNNING_LATE: &str = "/api/bookings/{id}/running-late";

pub const LIVEKIT_WEBHOOK: &str = "/api/livekit/webhook";

/// The OpenAPI 3.1 document of every path here.
pub const OPENAPI: &str = "/api/openapi.json";

/// The prefix every API path starts with; anything else is the SPA's.
pub const API_PREFIX: &str = "/api/";

fn fill(template: &str, id: i64) -> String {
    template.replace("{id}", &id.to_string())
}

pub fn professional_slots(id: UserId) -> String {
    fill(PROFESSIONAL_SLOTS, id.0)
}

pub fn professional(id: UserId) -> String {
    fill(PROFESSIONAL, id.0)
}

pub fn availability_override(id: OverrideId) -> String {
    fill(AVAILABILITY_OVERRIDE, id.0)
}

pub fn booking(id: BookingId) -> String {
    fill(BOOKING, id.0)
}

pub fn slot(id: SlotId) -> String {
    fill(SLOT, id.0)
}

pub fn booking_cancel(id: BookingId) -> String {
    fill(BOOKING_CANCEL, id.0)
}

pub fn booking_reschedule(id: BookingId) -> String {
    fill(BOOKING_RESCHEDULE, id.0)
}

pub fn booking_calendar(id: BookingId) -> String {
    fill(BOOKING_CALENDAR, id.0)
}

/// The feed's path for its secret token.
pub fn calendar_feed(token: &str) -> String {
    CALENDAR_FEED.replace("{file}", &format!("{token}.ics"))
}

pub fn booking_call(id: BookingId) -> String {
    fill(BOOKING_CALL, id.0)
}

pub fn booking_room(id: BookingId) -> String {
    fill(BOOKING_ROOM, id.0)
}

pub fn booking_running_late(id: BookingId) -> String {
    fill(BOOKING_RUNNING_LATE, id.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_paths_match_their_templates() {
        assert_eq!(professional_slots(UserId(7)), "/api/professionals/7/slots");
        assert_eq!(slot(SlotId(3)), "/api/slots/3");
        assert_eq!(professional(UserId(7)), "/api/professionals/7");
        assert_eq!(
            availability_override(OverrideId(2)),
            "/api/availability/overrides/2"
        );
        assert_eq!(booking(BookingId(9)), "/api/bookings/9");
        assert_eq!(booking_cancel(BookingId(9)), "/api/bookings/9/cancel");
        assert_eq!(booking_call(BookingId(9)), "/api/bookings/9/call");
        assert_eq!(
            booking_reschedule(BookingId(9)),
            "/api/bookings/9/reschedule"
        );
        assert_eq!(
            booking_calendar(BookingId(9)),
            "/api/bookings/9/calendar.ics"
        );
        assert_eq!(calendar_feed("abc"), "/api/calendar/abc.ics");
        assert_eq!(booking_room(BookingId(9)), "/api/bookings/9/room");
    }

    #[test]
    fn every_path_is_under_the_api_prefix() {
        for path in [
            HEALTH,
            HEALTH_LIVE,
            HEALTH_READY,
            AUTH_REGISTER,
            AUTH_LOGIN,
            AUTH_LOGOUT,
            AUTH_ME,
            AUTH_VERIFICATION,
            AUTH_VERIFICATION_CONFIRM,
            AUTH_PASSWORD_RESET,
            AUTH_PASSWORD_RESET_CONFIRM,
            ACCOUNT,
            ACCOUNT_PASSWORD,
            ACCOUNT_SIGN_OUT_EVERYWHERE,
            PROFESSIONALS,
            PROFESSIONAL_SLOTS,
            SLOTS,
            SLOT,
            BOOKINGS,
            BOOKING_CANCEL,
            BOOKING_RESCHEDULE,
            BOOKING_CALENDAR,
            ACCOUNT_CALENDAR_FEED,
            CALENDAR_FEED,
            REMINDERS_UNSUBSCRIBE,
            BOOKING_CALL,
            BOOKING_ROOM,
            BOOKING_RUNNING_LATE,
            LIVEKIT_WEBHOOK,
            OPENAPI,
        ] {
            assert!(path.starts_with(API_PREFIX), "{path}");
        }
    }
}
