//! The account endpoints, typed (`/api/account…`).

use tandem_api::account::{
    Account, ChangePasswordRequest, DeleteAccountRequest, UpdateAccountRequest,
};
use tandem_api::paths;

use crate::api::{self, ApiError};

/// `GET /api/account`.
pub async fn get() -> Result<Account, ApiError> {
    api::get(paths::ACCOUNT).await
}

/// `PUT /api/account`: the name and the time zone, as saved.
pub async fn update(request: &UpdateAccountRequest) -> Result<Account, ApiError> {
    api::put(paths::ACCOUNT, request).await
}

/// `POST /api/account/password`: other browsers are signed out.
pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), ApiError> {
    api::post(paths::ACCOUNT_PASSWORD, request).await
}

/// `POST /api/account/sign-out-everywhere`: this browser too.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    api::post_empty(paths::ACCOUNT_SIGN_OUT_EVERYWHERE).await
}

/// `DELETE /api/account`.
pub async fn delete(password: &str) -> Result<(), ApiError> {
    let request = DeleteAccountRequest {
        password: password.to_owned(),
    };
    api::delete_with(paths::ACCOUNT, &request).await
}
