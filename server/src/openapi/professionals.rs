//! The documentation of `/api/professionals/…`: who can be booked, and when.

use super::Endpoint;
use tandem_api::auth::Professional;
use tandem_api::slots::{Slot, SlotsQuery};
use tandem_api::{paths, ErrorCode, UserId};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(paths::PROFESSIONALS, "Every professional")
            .signed_in()
            .answers_list::<Professional>(200, "Every professional, by name."),
        Endpoint::get(
            paths::PROFESSIONAL_SLOTS,
            "A professional's slots of one day",
        )
        .description(
            "The slots that start on `date` in the time zone `tz` and have not \
                 started yet, by start, each saying whether it is booked.",
        )
        .signed_in()
        .path_param::<UserId>("id", "The professional's user id.")
        .query::<SlotsQuery>()
        .answers_list::<Slot>(200, "That day's slots.")
        .refuses(&[ErrorCode::NotFound, ErrorCode::ValidationFailed]),
    ]
}
