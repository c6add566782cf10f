//! The documentation of `/api/auth/…`: accounts, sessions, verification.

use super::Endpoint;
use tandem_api::auth::{
    ConfirmVerificationRequest, LoginRequest, RegisterRequest, User, VerificationSent,
};
use tandem_api::{paths, ErrorCode};

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::post(paths::AUTH_REGISTER, "Create an account and sign in")
            .description(
                "Creates a client or professional account, signs it in and sends the \
                 first verification email. The email is trimmed and lower-cased; the \
                 password has 8 to 128 characters.",
            )
            .json_body::<RegisterRequest>()
            .answers::<User>(201, "The new account, signed in, not verified yet.")
            .sets_session_cookie()
            .refuses(&[ErrorCode::EmailTaken]),
        Endpoint::post(paths::AUTH_LOGIN, "Sign in")
            .description(
                "The same refusal for an unknown email and a wrong password. Repeated \
                 failures for an email are throttled.",
            )
            .json_body::<LoginRequest>()
            .answers::<User>(200, "The account, signed in.")
            .sets_session_cookie()
            .refuses(&[ErrorCode::InvalidCredentials, ErrorCode::RateLimited]),
        Endpoint::post(paths::AUTH_LOGOUT, "Sign out")
            .description("Ends the session the cookie names, if any, and clears the cookie.")
            .answers_empty(204, "Signed out (also when there was no session).")
            .sets_session_cookie(),
        Endpoint::get(paths::AUTH_ME, "The signed-in account")
            .signed_in()
            .answers::<User>(200, "The account of the session."),
        Endpoint::post(paths::AUTH_VERIFICATION, "Email a verification link")
            .description(
                "At most one email a minute and five an hour per account. 503 when \
                 the email could not be sent (nothing is counted then).",
            )
            .signed_in()
            .answers::<VerificationSent>(202, "A link is on its way to this address.")
            .refuses(&[ErrorCode::Conflict, ErrorCode::RateLimited]),
        Endpoint::post(
            paths::AUTH_VERIFICATION_CONFIRM,
            "Confirm a verification link",
        )
        .description(
            "No session needed: the link may be opened in another browser. \
                 Unknown, used and expired tokens are refused alike.",
        )
        .json_body::<ConfirmVerificationRequest>()
        .answers::<User>(200, "The account, now verified.")
        .refuses(&[ErrorCode::InvalidToken]),
    ]
}
