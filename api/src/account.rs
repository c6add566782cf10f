//! The signed-in person's own account (`/api/account…`), and resetting a
//! forgotten password (`/api/auth/password-reset…`).

use crate::auth::Role;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// The name other people see in place of a deleted account's.
pub const DELETED_ACCOUNT_NAME: &str = "Deleted account";

/// Why a booking of a deleted account was cancelled, as the other person
/// reads it.
pub const CANCELLED_ACCOUNT_DELETED: &str = "The other person deleted their Tandem account.";

/// How long an emailed password-reset link works.
pub const PASSWORD_RESET_LINK_MINUTES: i64 = 60;

/// `GET /api/account`, and the answer of `PUT /api/account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub verified: bool,
    /// The IANA time zone the person chose (`Europe/Paris`); `None` until
    /// they choose one (the app then uses the browser's).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Whether reminder emails (24 hours and 1 hour before a session)
    /// are sent; on for a new account.
    pub reminders: bool,
}

/// `PUT /api/account` → 200 [`Account`]: the name and the time zone, both
/// replaced, and the reminders choice when given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAccountRequest {
    pub full_name: String,
    /// An IANA time zone name such as `Europe/Paris`.
    pub time_zone: String,
    /// Absent: the choice stays as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminders: Option<bool>,
}

/// `POST /api/account/password` → 204. Ends the account's other sessions;
/// this one stays signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// `DELETE /api/account` → 204: cancels the person's upcoming sessions,
/// erases their personal data and signs them out everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeleteAccountRequest {
    pub password: String,
}

/// `POST /api/auth/password-reset` → 202 [`PasswordResetRequested`],
/// whether or not the address has an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

/// The answer to every accepted [`PasswordResetRequest`]: the same for an
/// address with an account and one without.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequested {
    pub message: String,
}

impl PasswordResetRequested {
    pub fn new() -> Self {
        Self {
            message: format!(
                "If this address has a Tandem account, we have emailed it a link to choose a new password. The link works once, for {PASSWORD_RESET_LINK_MINUTES} minutes."
            ),
        }
    }
}

impl Default for PasswordResetRequested {
    fn default() -> Self {
        Self::new()
    }
}

/// `POST /api/auth/password-reset/confirm` → 200 [`crate::auth::User`],
/// signed in; every earlier session of the account has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmPasswordResetRequest {
    pub token: String,
    pub password: String,
}
