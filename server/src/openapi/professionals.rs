//! The documentation of `/api/professionals/…` and `/api/profile`: who can
//! be booked, what they offer, and when.

use super::Endpoint;
use tandem_api::availability::BookableTime;
use tandem_api::profiles::{
    DirectoryPage, DirectoryQuery, ProfessionalProfile, UpdateProfileRequest,
};
use tandem_api::slots::SlotsQuery;
use tandem_api::{paths, ErrorCode, UserId};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(paths::PROFESSIONALS, "The directory of professionals")
            .description(
                "Searches names, headlines and tags (`q`, every word must match), \
                 filters by specialty and language, and orders by the next bookable \
                 time (those with none last, by name), 20 a page.",
            )
            .signed_in()
            .query::<DirectoryQuery>()
            .answers::<DirectoryPage>(200, "One page.")
            .refuses(&[ErrorCode::BadRequest, ErrorCode::ValidationFailed]),
        Endpoint::get(paths::PROFESSIONAL, "One professional's profile")
            .description("With the rules' zone, session length and price, and the next free time.")
            .signed_in()
            .path_param::<UserId>("id", "The professional's user id.")
            .answers::<ProfessionalProfile>(200, "The profile.")
            .refuses(&[ErrorCode::NotFound]),
        Endpoint::get(
            paths::PROFESSIONAL_SLOTS,
            "A professional's bookable times of one day",
        )
        .description(
            "The times that start on `date` in the time zone `tz` and have not \
             started yet, by start: one-off slots and times computed from the \
             weekly hours, each saying whether it is booked and what to send to \
             `POST /api/bookings` to book it.",
        )
        .signed_in()
        .path_param::<UserId>("id", "The professional's user id.")
        .query::<SlotsQuery>()
        .answers_list::<BookableTime>(200, "That day's times.")
        .refuses(&[ErrorCode::NotFound, ErrorCode::ValidationFailed]),
        Endpoint::get(paths::PROFILE, "The caller's own profile")
            .description("Professionals only.")
            .signed_in()
            .answers::<ProfessionalProfile>(200, "The profile.")
            .refuses(&[ErrorCode::Forbidden]),
        Endpoint::put(paths::PROFILE, "Save the caller's profile")
            .description(
                "Professionals only. Headline up to 80 characters, about up to 2,000 \
                 (paragraphs separated by a blank line), specialties from the fixed \
                 list, up to 5 tags, ISO 639-1 languages.",
            )
            .signed_in()
            .json_body::<UpdateProfileRequest>()
            .answers::<ProfessionalProfile>(200, "The saved profile.")
            .refuses(&[ErrorCode::Forbidden, ErrorCode::ValidationFailed]),
    ]
}
