//! The documentation of `/api/availability…`: a professional's weekly
//! hours, booking rules and date overrides.

use super::Endpoint;
use tandem_api::availability::{Availability, CreateOverrideRequest, DateOverride};
use tandem_api::{paths, ErrorCode, OverrideId};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(paths::AVAILABILITY, "The caller's weekly hours and rules")
            .description(
                "Professionals only. Before the first save: no hours, the account's \
                 time zone and starting rules.",
            )
            .signed_in()
            .answers::<Availability>(200, "The rules.")
            .refuses(&[ErrorCode::Forbidden]),
        Endpoint::put(
            paths::AVAILABILITY,
            "Save the caller's weekly hours and rules",
        )
        .description(
            "Professionals only. Hours are wall-clock times in `time_zone`; ranges \
                 of a day must not overlap and each must hold a session. Session 15 \
                 to 240 minutes, buffer 0 to 60, notice 0 to 168 hours, horizon 1 to \
                 365 days, price $1 to $250.",
        )
        .signed_in()
        .json_body::<Availability>()
        .answers::<Availability>(200, "The saved rules, ranges in order.")
        .refuses(&[ErrorCode::Forbidden, ErrorCode::ValidationFailed]),
        Endpoint::get(paths::AVAILABILITY_OVERRIDES, "The caller's date overrides")
            .description("Professionals only: from today (in their zone) on, by date.")
            .signed_in()
            .answers_list::<DateOverride>(200, "The overrides.")
            .refuses(&[ErrorCode::Forbidden]),
        Endpoint::post(paths::AVAILABILITY_OVERRIDES, "Set other hours on one date")
            .description(
                "Professionals only. Replaces the date's override if it had one; no \
                 ranges makes it a day off. Today up to 365 days ahead.",
            )
            .signed_in()
            .json_body::<CreateOverrideRequest>()
            .answers::<DateOverride>(201, "The override.")
            .refuses(&[
                ErrorCode::Forbidden,
                ErrorCode::ValidationFailed,
                ErrorCode::Conflict,
            ]),
        Endpoint::delete(paths::AVAILABILITY_OVERRIDE, "Delete a date override")
            .signed_in()
            .path_param::<OverrideId>("id", "The override's id.")
            .answers_empty(204, "The date has its weekly hours again.")
            .refuses(&[ErrorCode::Forbidden, ErrorCode::NotFound]),
    ]
}
