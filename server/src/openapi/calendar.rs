//! The documentation of the calendar feed (`/api/account/calendar-feed`,
//! `/api/calendar/{file}`) and the reminders' one-click unsubscribe.

use super::Endpoint;
use crate::routes::UnsubscribeQuery;
use tandem_api::calendar::{CalendarFeedCreated, CalendarFeedStatus};
use tandem_api::{paths, ErrorCode};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(
            paths::ACCOUNT_CALENDAR_FEED,
            "Whether the caller has a calendar feed",
        )
        .description(
            "The feed's address is secret and stored only hashed, so it is not \
                 shown again here: only when it was made.",
        )
        .signed_in()
        .answers::<CalendarFeedStatus>(200, "The feed's status."),
        Endpoint::post(
            paths::ACCOUNT_CALENDAR_FEED,
            "Make a new calendar feed address",
        )
        .description(
            "Replaces any earlier address, which stops working. The answer is the \
                 one time the address is shown.",
        )
        .signed_in()
        .answers::<CalendarFeedCreated>(201, "The new address."),
        Endpoint::delete(paths::ACCOUNT_CALENDAR_FEED, "Stop the calendar feed")
            .signed_in()
            .answers_empty(204, "The address no longer works."),
        Endpoint::get(paths::CALENDAR_FEED, "A person's calendar feed")
            .description(
                "`{token}.ics`, no session needed: the token is the key. The person's \
                 sessions of the last 30 days and to come, cancelled ones marked \
                 `STATUS:CANCELLED`, each with its booking's lasting UID.",
            )
            .path_param::<String>("file", "`{token}.ics`")
            .answers_text(200, "text/calendar", "The feed.")
            .refuses(&[ErrorCode::NotFound]),
        Endpoint::post(paths::REMINDERS_UNSUBSCRIBE, "Turn reminder emails off")
            .description(
                "The one-click `List-Unsubscribe` of reminder emails (RFC 8058): the \
                 token of the email's link is the key, no session needed.",
            )
            .query::<UnsubscribeQuery>()
            .answers_document(200, "Reminders are off.")
            .refuses(&[ErrorCode::NotFound]),
    ]
}
