//! The API routes, all under `/api/`.

mod account;
mod auth;
mod availability;
mod bookings;
mod calendar;
mod calls;
mod health;
mod password_reset;
mod professionals;
mod slots;
mod table;

pub use calendar::UnsubscribeQuery;
pub use table::RouteTable;

use crate::error::AppError;
use crate::state::AppState;
use axum::routing::{any, delete, get, post};
use axum::Router;
use tandem_api::paths;

pub fn router() -> Router<AppState> {
    table().into_router()
}

/// Every API route; `tests/openapi.rs` checks each against the OpenAPI
/// document (add a new route's documentation in `crate::openapi`).
pub fn table() -> RouteTable {
    RouteTable::new()
        .route(paths::HEALTH, get(health::health))
        .route(paths::HEALTH_LIVE, get(health::live))
        .route(paths::HEALTH_READY, get(health::ready))
        .route(paths::AUTH_REGISTER, post(auth::register))
        .route(paths::AUTH_LOGIN, post(auth::login))
        .route(paths::AUTH_LOGOUT, post(auth::logout))
        .route(paths::AUTH_ME, get(auth::me))
        .route(paths::AUTH_VERIFICATION, post(auth::send_verification))
        .route(
            paths::AUTH_VERIFICATION_CONFIRM,
            post(auth::confirm_verification),
        )
        .route(paths::AUTH_PASSWORD_RESET, post(password_reset::request))
        .route(
            paths::AUTH_PASSWORD_RESET_CONFIRM,
            post(password_reset::confirm),
        )
        .route(
            paths::ACCOUNT,
            get(account::get)
                .put(account::update)
                .delete(account::delete),
        )
        .route(paths::ACCOUNT_PASSWORD, post(account::change_password))
        .route(
            paths::ACCOUNT_SIGN_OUT_EVERYWHERE,
            post(account::sign_out_everywhere),
        )
        .route(paths::PROFESSIONALS, get(professionals::list))
        .route(paths::PROFESSIONAL, get(professionals::one))
        .route(paths::PROFESSIONAL_SLOTS, get(professionals::slots))
        .route(
            paths::PROFILE,
            get(professionals::own_profile).put(professionals::update_profile),
        )
        .route(
            paths::AVAILABILITY,
            get(availability::get).put(availability::put),
        )
        .route(
            paths::AVAILABILITY_OVERRIDES,
            get(availability::overrides).post(availability::add_override),
        )
        .route(
            paths::AVAILABILITY_OVERRIDE,
            delete(availability::delete_override),
        )
        .route(paths::SLOTS, get(slots::own).post(slots::create))
        .route(paths::SLOT, delete(slots::delete))
        .route(paths::BOOKINGS, get(bookings::list).post(bookings::create))
        .route(paths::BOOKING, get(bookings::one))
        .route(paths::BOOKING_CANCEL, post(bookings::cancel))
        .route(paths::BOOKING_RESCHEDULE, post(bookings::reschedule))
        .route(paths::BOOKING_CALENDAR, get(calendar::booking_file))
        .route(
            paths::ACCOUNT_CALENDAR_FEED,
            get(calendar::feed_status)
                .post(calendar::create_feed)
                .delete(calendar::stop_feed),
        )
        .route(paths::CALENDAR_FEED, get(calendar::feed))
        .route(paths::REMINDERS_UNSUBSCRIBE, post(calendar::unsubscribe))
        .route(paths::BOOKING_CALL, post(calls::call))
        .route(paths::BOOKING_ROOM, get(calls::room))
        .route(paths::BOOKING_RUNNING_LATE, post(calls::running_late))
        .route(paths::LIVEKIT_WEBHOOK, post(calls::livekit_webhook))
        .route(paths::OPENAPI, get(crate::openapi::serve))
        // Unknown API paths answer JSON, never the SPA's index.html.
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
}

async fn not_found() -> AppError {
    AppError::NotFound
}
