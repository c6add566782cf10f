//! The OpenAPI document against the router: every route is documented with
//! the methods it serves, every documented operation is served, and the
//! document says what callers rely on (the error body, the time format).

mod common;

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use tandem_api::paths;
use tandem_server::{openapi, routes, AppState};
use tower::ServiceExt;

/// The methods a route can have.
const METHODS: [Method; 5] = [
    Method::GET,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];

/// Routes that are not part of the API: unknown `/api/…` paths answer 404.
fn is_catch_all(path: &str) -> bool {
    path == "/api" || path.contains("{*")
}

const MATCHED: &str = "x-matched-route";

/// Tells in a header which route template answered.
async fn echo_matched_route(request: Request, next: Next) -> Response {
    let matched = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned());
    let mut response = next.run(request).await;
    if let Some(value) = matched.and_then(|m| HeaderValue::from_str(&m).ok()) {
        response.headers_mut().insert(MATCHED, value);
    }
    response
}

/// `/api/slots/1` for `/api/slots/{id}`.
fn fill(template: &str) -> String {
    template
        .split('/')
        .map(|segment| match segment.find('{') {
            Some(start) => {
                let end = segment.find('}').map_or(segment.len(), |end| end + 1);
                format!("{}1{}", &segment[..start], &segment[end..])
            }
            None => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether the router serves `method` on the route `template` (rather than
/// answering 405, or sending the path to another route).
async fn serves(state: &AppState, method: &Method, template: &str) -> bool {
    let router = routes::table()
        .into_router()
        .layer(middleware::from_fn(echo_matched_route))
        .with_state(state.clone());
    let request = Request::builder()
        .method(method.clone())
        .uri(fill(template))
        .body(Body::empty())
        .expect("valid request");
    let response = router.oneshot(request).await.expect("infallible");
    let matched = common::header(&response, MATCHED);
    response.status() != StatusCode::METHOD_NOT_ALLOWED && matched == template
}

/// Path → methods, as the document has them.
fn documented() -> BTreeMap<String, BTreeSet<String>> {
    let document: Value = serde_json::from_str(openapi::json()).expect("the document is JSON");
    let paths = document["paths"].as_object().expect("a paths object");
    paths
        .iter()
        .map(|(path, item)| {
            let methods = item
                .as_object()
                .expect("a path item")
                .keys()
                .filter(|key| METHODS.iter().any(|m| m.as_str().eq_ignore_ascii_case(key)))
                .map(|key| key.to_ascii_uppercase())
                .collect();
            (path.clone(), methods)
        })
        .collect()
}

async fn test_state(dir: &tempfile::TempDir) -> AppState {
    common::state(common::config(dir.path(), &[])).await
}

#[tokio::test]
async fn every_route_is_documented_with_the_methods_it_serves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = test_state(&dir).await;
    let documented = documented();
    let table = routes::table();
    let mut problems = Vec::new();
    for &path in table.paths().iter().filter(|path| !is_catch_all(path)) {
        let mut served = BTreeSet::new();
        for method in &METHODS {
            if serves(&state, method, path).await {
                served.insert(method.as_str().to_owned());
            }
        }
        let in_document = documented.get(path).cloned().unwrap_or_default();
        for method in served.difference(&in_document) {
            problems.push(format!(
                "{method} {path} is served but not in the OpenAPI document \
                 (add an Endpoint in server/src/openapi/)"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn every_documented_operation_is_served() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = test_state(&dir).await;
    let mut problems = Vec::new();
    for (path, methods) in documented() {
        for method in methods {
            let method = Method::from_bytes(method.as_bytes()).expect("a method");
            if !serves(&state, &method, &path).await {
                problems.push(format!("{method} {path} is documented but not served"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn the_document_is_served_as_openapi_3_1_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = test_state(&dir).await;
    let response = common::get(&state, paths::OPENAPI).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        common::header(&response, "content-type"),
        "application/json"
    );
    let document = common::body_json(response).await;
    assert_eq!(document["openapi"], "3.1.0");
    let login = &document["paths"][paths::AUTH_LOGIN]["post"];
    assert!(login["responses"]["200"]["headers"]["Set-Cookie"].is_object());
    assert_eq!(
        login["security"],
        Value::Null,
        "signing in needs no session"
    );
    assert_eq!(
        document["paths"][paths::AUTH_ME]["get"]["security"],
        serde_json::json!([{ "session": [] }])
    );
    assert_eq!(
        document["components"]["securitySchemes"][openapi::SESSION_SCHEME],
        serde_json::json!({
            "type": "apiKey",
            "in": "cookie",
            "name": "tandem_session",
            "description": "The HttpOnly session cookie that sign-in and registration set."
        })
    );
}

/// Every 4xx and 5xx response is the error body, with the codes it can
/// carry listed; every `$ref` points at a schema the document holds.
#[test]
fn every_refusal_is_the_error_body_with_its_codes() {
    let document: Value = serde_json::from_str(openapi::json()).expect("JSON");
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("component schemas");
    let mut refusals = 0;
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            for (status, response) in operation["responses"].as_object().expect("responses") {
                let schema = &response["content"]["application/json"]["schema"];
                // The health checks' 503 is their own body, for load balancers.
                let is_health = path == paths::HEALTH || path == paths::HEALTH_READY;
                let is_refusal = status.starts_with('4') || (status.starts_with('5') && !is_health);
                if !is_refusal {
                    continue;
                }
                refusals += 1;
                let all_of = schema["allOf"].as_array().unwrap_or_else(|| {
                    panic!("{method} {path} {status}: not the error body: {schema}")
                });
                assert_eq!(
                    all_of[0]["$ref"], "#/components/schemas/ErrorBody",
                    "{method} {path} {status}"
                );
                let codes = all_of[1]["properties"]["error"]["properties"]["code"]["enum"]
                    .as_array()
                    .expect("the codes of the status");
                assert!(!codes.is_empty(), "{method} {path} {status}");
                for code in codes {
                    let code: tandem_api::ErrorCode =
                        serde_json::from_value(code.clone()).expect("a code");
                    assert_eq!(
                        code.status().to_string(),
                        *status,
                        "{method} {path}: {code:?}"
                    );
                }
            }
        }
    }
    assert!(refusals > 20, "only {refusals} refusals documented");
    let text = openapi::json();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap_or_default();
        assert!(schemas.contains_key(name), "no schema {name}");
    }
}

#[test]
fn times_are_rfc3339_date_times_and_dates_are_dates() {
    let document: Value = serde_json::from_str(openapi::json()).expect("JSON");
    let schemas = &document["components"]["schemas"];
    for (schema, field) in [
        ("Booking", "start_time"),
        ("Booking", "end_time"),
        ("Slot", "start_time"),
        ("CreateSlotRequest", "end_time"),
        ("CallCredentials", "expires_at"),
    ] {
        let property = &schemas[schema]["properties"][field];
        assert_eq!(property["type"], "string", "{schema}.{field}");
        assert_eq!(property["format"], "date-time", "{schema}.{field}");
    }
    let slots = &document["paths"][paths::PROFESSIONAL_SLOTS]["get"]["parameters"];
    let date = slots
        .as_array()
        .expect("parameters")
        .iter()
        .find(|parameter| parameter["name"] == "date")
        .expect("a date parameter");
    assert_eq!(date["schema"]["format"], "date");
}

#[test]
fn the_unknown_error_code_is_not_documented() {
    let document: Value = serde_json::from_str(openapi::json()).expect("JSON");
    let codes = document["components"]["schemas"]["ErrorCode"]["enum"]
        .as_array()
        .expect("the error codes");
    assert!(codes.contains(&Value::from("slot_taken")));
    assert!(!codes.contains(&Value::from("unknown")), "{codes:?}");
}
