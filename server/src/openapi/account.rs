//! The documentation of `/api/account…` (the signed-in person's own
//! account) and `/api/auth/password-reset…` (a forgotten password).

use super::Endpoint;
use tandem_api::account::{
    Account, ChangePasswordRequest, ConfirmPasswordResetRequest, DeleteAccountRequest,
    PasswordResetRequest, PasswordResetRequested, UpdateAccountRequest,
};
use tandem_api::auth::User;
use tandem_api::{paths, ErrorCode};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post(paths::AUTH_PASSWORD_RESET, "Email a password-reset link")
            .description(
                "The same 202 answer whether or not the address has an account. The \
                 link works once, for one hour. At most 3 requests per email and 10 \
                 per client address in any rolling hour.",
            )
            .json_body::<PasswordResetRequest>()
            .answers::<PasswordResetRequested>(
                202,
                "If the address has an account, a link is on its way.",
            )
            .refuses(&[ErrorCode::RateLimited]),
        Endpoint::post(
            paths::AUTH_PASSWORD_RESET_CONFIRM,
            "Set a new password with an emailed link",
        )
        .description(
            "Sets the password, ends every session of the account and signs this \
             browser in. Unknown, used and expired tokens are refused alike.",
        )
        .json_body::<ConfirmPasswordResetRequest>()
        .answers::<User>(200, "The account, signed in.")
        .sets_session_cookie()
        .refuses(&[ErrorCode::InvalidToken]),
        Endpoint::get(paths::ACCOUNT, "The signed-in person's account")
            .signed_in()
            .answers::<Account>(200, "The account, with its time zone if one was chosen."),
        Endpoint::put(paths::ACCOUNT, "Change the name and the time zone")
            .signed_in()
            .json_body::<UpdateAccountRequest>()
            .answers::<Account>(200, "The account as saved."),
        Endpoint::delete(paths::ACCOUNT, "Delete the account")
            .description(
                "Needs the password. Cancels the person's upcoming sessions, erases \
                 their personal data and ends every session; the other side's past \
                 sessions show \"Deleted account\".",
            )
            .signed_in()
            .json_body::<DeleteAccountRequest>()
            .answers_empty(204, "Deleted and signed out.")
            .sets_session_cookie()
            .refuses(&[ErrorCode::RateLimited]),
        Endpoint::post(paths::ACCOUNT_PASSWORD, "Change the password")
            .description(
                "Needs the current password; ends the account's other sessions and \
                 keeps this one.",
            )
            .signed_in()
            .json_body::<ChangePasswordRequest>()
            .answers_empty(204, "Changed.")
            .refuses(&[ErrorCode::RateLimited]),
        Endpoint::post(paths::ACCOUNT_SIGN_OUT_EVERYWHERE, "Sign out everywhere")
            .description("Ends every session of the account, this one too.")
            .signed_in()
            .answers_empty(204, "Every session ended; the cookie is cleared.")
            .sets_session_cookie(),
    ]
}
