mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use serde_json::json;
use tandem_api::auth::LoginRequest;
use tandem_api::{ErrorCode, FieldError};
use tandem_server::extract::Json;
use tandem_server::AppError;
use tower::ServiceExt;

async fn login(Json(request): Json<LoginRequest>) -> Json<String> {
    Json(request.email)
}

async fn post_login(content_type: Option<&str>, body: &str) -> axum::response::Response {
    let mut request = Request::post("/login");
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    Router::new()
        .route("/login", post(login))
        .oneshot(
            request
                .body(Body::from(body.to_owned()))
                .expect("valid request"),
        )
        .await
        .expect("infallible")
}

#[tokio::test]
async fn json_bodies_are_extracted() {
    let response = post_login(
        Some("application/json"),
        r#"{"email": "ada@example.com", "password": "tandem-demo-password"}"#,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(common::body_json(response).await, json!("ada@example.com"));
}

#[tokio::test]
async fn malformed_json_is_a_bad_request() {
    let response = post_login(Some("application/json"), "{not json").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["code"], "bad_request");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn missing_content_type_is_a_bad_request() {
    let response = post_login(None, r#"{"email": "a@example.com", "password": "x"}"#).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        common::body_json(response).await["error"]["code"],
        "bad_request"
    );
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_unprocessable() {
    let response = post_login(Some("application/json"), r#"{"email": 5}"#).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        common::body_json(response).await["error"]["code"],
        "validation_failed"
    );
}

#[tokio::test]
async fn rate_limits_say_when_to_retry() {
    let response = AppError::RateLimited {
        retry_after_secs: 90,
    }
    .into_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(common::header(&response, "retry-after"), "90");
    assert_eq!(
        common::body_json(response).await,
        json!({"error": {
            "code": "rate_limited",
            "message": "Too many requests: try again in 2 minutes.",
            "retry_after_seconds": 90
        }})
    );
}

#[tokio::test]
async fn validation_errors_list_their_fields() {
    let fields = vec![FieldError {
        field: "email".into(),
        message: "Enter an email address like name@example.com.".into(),
    }];
    let response = AppError::Validation(fields).into_response();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = common::body_json(response).await;
    assert_eq!(body["error"]["code"], "validation_failed");
    assert_eq!(body["error"]["fields"][0]["field"], "email");
}

#[tokio::test]
async fn coded_errors_take_the_status_of_their_code() {
    let cases = [
        (
            AppError::Conflict(ErrorCode::SlotTaken, "Taken.".into()),
            409,
            "slot_taken",
        ),
        (
            AppError::Coded(ErrorCode::NotVerified, "Verify first.".into()),
            403,
            "not_verified",
        ),
        (
            AppError::Coded(ErrorCode::CallsUnavailable, "No calls.".into()),
            503,
            "calls_unavailable",
        ),
        (AppError::Unauthorized, 401, "unauthorized"),
        (AppError::Forbidden, 403, "forbidden"),
        (AppError::NotFound, 404, "not_found"),
        (AppError::BadRequest("Bad.".into()), 400, "bad_request"),
    ];
    for (error, status, code) in cases {
        let response = error.into_response();
        assert_eq!(response.status().as_u16(), status, "{code}");
        assert_eq!(common::body_json(response).await["error"]["code"], code);
    }
}

#[tokio::test]
async fn internal_details_are_not_sent() {
    let source = std::io::Error::other("disk on fire at /var/secret/path");
    let response = AppError::internal(source).into_response();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = String::from_utf8(common::body_bytes(response).await).expect("utf-8");
    assert!(!body.contains("disk on fire"), "{body}");
    assert!(body.contains("\"code\":\"internal\""), "{body}");
}
