//! The documentation of the video call endpoints and LiveKit's webhook.

use super::Endpoint;
use tandem_api::calls::{CallCredentials, RoomStatus};
use tandem_api::{paths, BookingId, ErrorCode};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post(
            paths::BOOKING_CALL,
            "Credentials to join the booking's call",
        )
        .description(
            "For a verified participant of an active booking, from 10 minutes \
                 before the start until the end; at most 30 tokens per user per \
                 rolling hour. Anyone else gets `not_found`.",
        )
        .signed_in()
        .path_param::<BookingId>("id", "The booking's id.")
        .answers::<CallCredentials>(200, "A LiveKit token for the booking's room.")
        .refuses(&[
            ErrorCode::NotVerified,
            ErrorCode::NotFound,
            ErrorCode::Conflict,
            ErrorCode::OutsideCallWindow,
            ErrorCode::RateLimited,
            ErrorCode::CallsUnavailable,
        ]),
        Endpoint::get(paths::BOOKING_ROOM, "Who is in the booking's call")
            .signed_in()
            .path_param::<BookingId>("id", "The booking's id.")
            .answers::<RoomStatus>(200, "The room's status.")
            .refuses(&[ErrorCode::NotFound]),
        Endpoint::post(
            paths::BOOKING_RUNNING_LATE,
            "Tell the other person you are running late",
        )
        .description(
            "For one of the booking's two people, from an hour before the start until \
                 the end. The other sees it in the room status while they wait; saying it \
                 again moves its time on.",
        )
        .signed_in()
        .path_param::<BookingId>("id", "The booking's id.")
        .answers_empty(204, "The other person can see it.")
        .refuses(&[ErrorCode::NotFound, ErrorCode::Conflict]),
        Endpoint::post(paths::LIVEKIT_WEBHOOK, "LiveKit's webhook")
            .description(
                "Server to server: the `Authorization` header is a token signed with \
                 the LiveKit API secret whose `sha256` claim is the body's hash. Each \
                 event is applied once.",
            )
            .header_param("Authorization", "The signed token LiveKit sends.")
            .text_body("application/webhook+json")
            .answers_empty(200, "The event is applied (or was before).")
            .refuses(&[ErrorCode::Unauthorized, ErrorCode::CallsUnavailable]),
    ]
}
