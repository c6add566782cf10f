//! The documentation of `/api/slots…`: a professional's own availability.

use super::Endpoint;
use tandem_api::slots::{CreateSlotRequest, Slot};
use tandem_api::{paths, ErrorCode, SlotId};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(paths::SLOTS, "The caller's own slots")
            .description("Professionals only: their slots that have not ended, soonest first.")
            .signed_in()
            .answers_list::<Slot>(200, "The slots.")
            .refuses(&[ErrorCode::Forbidden]),
        Endpoint::post(paths::SLOTS, "Publish a slot")
            .description(
                "Professionals only. 15 minutes to 8 hours, in the future, $1 to $250, \
                 not overlapping another slot of the same professional.",
            )
            .signed_in()
            .json_body::<CreateSlotRequest>()
            .answers::<Slot>(201, "The new slot.")
            .refuses(&[ErrorCode::Forbidden, ErrorCode::SlotOverlap]),
        Endpoint::delete(paths::SLOT, "Delete an unbooked own slot")
            .signed_in()
            .path_param::<SlotId>("id", "The slot's id.")
            .answers_empty(204, "The slot is gone.")
            .refuses(&[
                ErrorCode::Forbidden,
                ErrorCode::NotFound,
                ErrorCode::Conflict,
            ]),
    ]
}
