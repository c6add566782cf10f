//! The Tandem API server: JSON under `/api/`, and the built single-page app
//! for every other path.

pub mod account;
pub mod auth;
pub mod availability;
pub mod backup;
pub mod bookings;
pub mod calendar;
pub mod calls;
pub mod cleanup;
pub mod cli;
pub mod clock;
pub mod config;
pub mod cross_site;
pub mod db;
pub mod demo_data;
pub mod error;
pub mod extract;
pub mod first_screen;
pub mod html;
pub mod livekit;
pub mod mail;
pub mod metrics;
pub mod notices;
pub mod openapi;
pub mod password;
pub mod professionals;
pub mod profiles;
pub mod request_limit;
pub mod request_limits;
pub mod room_closer;
pub mod routes;
pub mod security_headers;
pub mod serve;
pub mod slots;
pub mod state;
pub mod static_files;
pub mod time_zone;
pub mod wal_checkpoint;
pub mod writes_in_flight;

pub use config::Config;
pub use error::AppError;
pub use state::AppState;

use axum::{middleware, Router};
use security_headers::SecurityHeaders;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// The whole HTTP application, without a socket (tests drive it with
/// `tower::ServiceExt::oneshot`).
pub fn app(state: AppState) -> Router {
    let app = Router::new()
        .merge(routes::router())
        .fallback(static_files::serve)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cross_site::refuse_cross_site,
        ))
        .layer(CompressionLayer::new());
    let app = request_limits::layer(app, &state.config.http_limits);
    let app = security_headers::layer(app, SecurityHeaders::from_config(&state.config));
    app.layer(middleware::from_fn_with_state(
        state.clone(),
        writes_in_flight::count,
    ))
    .layer(middleware::from_fn(crate::metrics::http::track))
    .layer(TraceLayer::new_for_http())
    .with_state(state)
}
