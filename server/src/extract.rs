//! Extractors whose rejections answer in the documented error shape.

use crate::error::AppError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequest, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// `axum::Json`, except that a body that is not JSON answers 400
/// `bad_request` and JSON of the wrong shape answers 422
/// `validation_failed`, both as [`tandem_api::ErrorBody`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(value) = axum::Json::<T>::from_request(request, state).await?;
        Ok(Self(value))
    }
}

/// `Option<Json<T>>`: `None` for a request without a `Content-Type` (no
/// body), the same errors as [`Json`] otherwise.
impl<S, T> OptionalFromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        let value = <axum::Json<T> as OptionalFromRequest<S>>::from_request(request, state).await?;
        Ok(value.map(|axum::Json(value)| Self(value)))
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Query`, except that a query string that does not fit
/// answers 400 `bad_request` as [`tandem_api::ErrorBody`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state)
                .await
                .map_err(|rejection: QueryRejection| AppError::BadRequest(rejection.body_text()))?;
        Ok(Self(value))
    }
}

/// `axum::extract::Path`, except that a path parameter that does not fit
/// (`/api/slots/abc`) answers 400 `bad_request` as [`tandem_api::ErrorBody`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(value) = axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(|rejection: PathRejection| {
                if rejection.status().is_server_error() {
                    // The route and the handler disagree: our bug, not the caller's.
                    AppError::internal(rejection.body_text())
                } else {
                    AppError::BadRequest(rejection.body_text())
                }
            })?;
        Ok(Self(value))
    }
}
