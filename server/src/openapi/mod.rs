//! The OpenAPI 3.1 document of the API, served at `GET /api/openapi.json`.
//!
//! Each file here documents one area of the API as a list of [`Endpoint`]s;
//! [`document`] puts them together with the schemas of the shared
//! `tandem-api` types. To document a new endpoint, add an `Endpoint` to its
//! area's list (or a new area file to [`areas`]); `tests/openapi.rs` fails
//! for any route of the router that is missing here, and for any
//! documented operation the router does not serve.

mod account;
mod auth;
mod availability;
mod bookings;
mod calendar;
mod calls;
mod endpoint;
mod health;
mod professionals;
mod slots;

pub use endpoint::{code_name, Endpoint, SESSION_SCHEME};

use crate::auth::session::COOKIE_NAME;
use axum::http::header;
use axum::response::IntoResponse;
use std::sync::LazyLock;
use tandem_api::ErrorCode;
use utoipa::openapi::path::Paths;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::tag::TagBuilder;
use utoipa::openapi::{ComponentsBuilder, InfoBuilder, OpenApi, OpenApiBuilder, RefOr};

/// Every area of the API: its tag, and its documented endpoints.
fn areas() -> Vec<(&'static str, Vec<Endpoint>)> {
    vec![
        ("auth", auth::endpoints()),
        ("account", account::endpoints()),
        ("professionals", professionals::endpoints()),
        ("availability", availability::endpoints()),
        ("slots", slots::endpoints()),
        ("bookings", bookings::endpoints()),
        ("calendar", calendar::endpoints()),
        ("calls", calls::endpoints()),
        ("service", health::endpoints()),
    ]
}

/// The whole document.
pub fn document() -> OpenApi {
    let mut paths = Paths::new();
    let mut components = ComponentsBuilder::new().security_scheme(
        SESSION_SCHEME,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            COOKIE_NAME,
            "The HttpOnly session cookie that sign-in and registration set.",
        ))),
    );
    let mut tags = Vec::new();
    for (tag, endpoints) in areas() {
        tags.push(TagBuilder::new().name(tag).build());
        for endpoint in endpoints {
            let method = endpoint.method();
            let path = endpoint.path();
            let (mut operation, schemas) = endpoint.build();
            operation.tags = Some(vec![tag.to_owned()]);
            paths.add_path_operation(path, vec![method], operation);
            for (name, schema) in schemas {
                components = components.schema(name, schema);
            }
        }
    }
    let mut components = components.build();
    if let Some(RefOr::T(Schema::Object(codes))) = components.schemas.get_mut("ErrorCode") {
        // `unknown` is how a client reads a code newer than itself; the
        // server never sends it.
        let unknown = code_name(ErrorCode::Unknown);
        if let Some(values) = codes.enum_values.as_mut() {
            values.retain(|value| value.as_str() != Some(unknown.as_str()));
        }
    }
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Tandem API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "Book a session with a professional and join its video call. \
                     JSON over HTTP under `/api`; times are RFC 3339 strings in UTC \
                     (`2026-11-21T09:00:00Z`). Every refusal is \
                     `{\"error\": {\"code\", \"message\"}}` with the status of its code. \
                     State-changing requests from another site (by `Sec-Fetch-Site` \
                     or `Origin`) are refused with `cross_site_request`.",
                ))
                .build(),
        )
        .paths(paths)
        .components(Some(components))
        .tags(Some(tags))
        .build()
}

/// The document as JSON, built once per process.
pub fn json() -> &'static str {
    static JSON: LazyLock<String> = LazyLock::new(|| {
        document()
            .to_pretty_json()
            .expect("the OpenAPI document serializes")
    });
    &JSON
}

/// `GET /api/openapi.json`.
pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], json())
}
