//! The account endpoints, typed (`/api/auth/…`).

use tandem_api::account::{
    ConfirmPasswordResetRequest, PasswordResetRequest, PasswordResetRequested,
};
use tandem_api::auth::{
    ConfirmVerificationRequest, LoginRequest, RegisterRequest, User, VerificationSent,
};
use tandem_api::paths;

use crate::api::{self, ApiError};

/// `GET /api/auth/me`: the signed-in user; `401 unauthorized` when nobody is.
pub async fn me() -> Result<User, ApiError> {
    api::get(paths::AUTH_ME).await
}

/// `POST /api/auth/login`: signs in (the server sets the session cookie).
pub async fn login(request: &LoginRequest) -> Result<User, ApiError> {
    api::post(paths::AUTH_LOGIN, request).await
}

/// `POST /api/auth/register`: creates the account, signs it in and emails
/// the first verification link.
pub async fn register(request: &RegisterRequest) -> Result<User, ApiError> {
    api::post(paths::AUTH_REGISTER, request).await
}

/// `POST /api/auth/logout`: ends the session on the server.
pub async fn logout() -> Result<(), ApiError> {
    api::post_empty(paths::AUTH_LOGOUT).await
}

/// `POST /api/auth/verification`: emails the signed-in user a new link.
pub async fn send_verification() -> Result<VerificationSent, ApiError> {
    api::post_empty(paths::AUTH_VERIFICATION).await
}

/// `POST /api/auth/verification/confirm`: uses the token from the link.
pub async fn confirm_verification(token: &str) -> Result<User, ApiError> {
    let request = ConfirmVerificationRequest {
        token: token.to_owned(),
    };
    api::post(paths::AUTH_VERIFICATION_CONFIRM, &request).await
}

/// `POST /api/auth/password-reset`: emails a reset link if the address has
/// an account (the answer is the same either way).
pub async fn request_password_reset(email: &str) -> Result<PasswordResetRequested, ApiError> {
    let request = PasswordResetRequest {
        email: email.to_owned(),
    };
    api::post(paths::AUTH_PASSWORD_RESET, &request).await
}

/// `POST /api/auth/password-reset/confirm`: sets the new password with the
/// token from the link; signs this browser in and every other one out.
pub async fn confirm_password_reset(token: &str, password: &str) -> Result<User, ApiError> {
    let request = ConfirmPasswordResetRequest {
        token: token.to_owned(),
        password: password.to_owned(),
    };
    api::post(paths::AUTH_PASSWORD_RESET_CONFIRM, &request).await
}
