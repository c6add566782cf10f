//! What the account forms say, and when: the shared validation rules turned
//! into messages, and the server's refusals turned into a message for the
//! whole form. Pure functions, so they are tested without a browser.

use tandem_api::validation::{check_password, normalize_email, normalize_full_name};
use tandem_api::ErrorCode;

use crate::api::ApiError;

/// Shown when the password box of the sign-in form is empty. (Signing in
/// does not apply the length rules: they are for new passwords.)
pub const PASSWORD_MISSING: &str = "Enter your password.";

/// The message for an email address, or `None` when it is acceptable.
pub fn email_error(raw: &str) -> Option<String> {
    normalize_email(raw).err().map(|e| e.to_string())
}

/// The message for a password at sign-in.
pub fn current_password_error(raw: &str) -> Option<String> {
    raw.is_empty().then(|| PASSWORD_MISSING.to_owned())
}

/// The message for a password being chosen.
pub fn new_password_error(raw: &str) -> Option<String> {
    check_password(raw).err().map(|e| e.to_string())
}

/// The message for a time zone box (the server checks the name itself).
pub fn time_zone_error(raw: &str) -> Option<String> {
    raw.trim()
        .is_empty()
        .then(|| "Enter a time zone such as Europe/Paris.".to_owned())
}

/// The message for a full name.
pub fn full_name_error(raw: &str) -> Option<String> {
    normalize_full_name(raw).err().map(|e| e.to_string())
}

/// The message to show under a field. The app's own check speaks once the
/// person has left the field or tried to submit; until the field is edited
/// again, the server's message for it stands in when the app has none.
pub fn visible_error(
    own: Option<String>,
    server: Option<String>,
    touched_or_submitted: bool,
) -> Option<String> {
    own.filter(|_| touched_or_submitted).or(server)
}

/// The message for the area above a form's submit button, or `None` when
/// the field messages say it all (a `validation_failed` answer whose every
/// message belongs to one of `form_fields`).
pub fn form_error(error: &ApiError, form_fields: &[&str]) -> Option<String> {
    match error.code() {
        Some(ErrorCode::ValidationFailed) => {
            let fields = error.field_errors();
            let all_shown = !fields.is_empty()
                && fields
                    .iter()
                    .all(|f| form_fields.contains(&f.field.as_str()));
            (!all_shown).then(|| error.user_message())
        }
        Some(ErrorCode::RateLimited) => Some(match error.retry_after_seconds() {
            Some(seconds) => format!("Too many attempts. {}", try_again_in(seconds)),
            None => error.user_message(),
        }),
        _ => Some(error.user_message()),
    }
}

/// "Try again in 1 minute." / "Try again in 15 minutes." (whole minutes,
/// rounded up, at least one).
pub fn try_again_in(seconds: u64) -> String {
    let minutes = seconds.div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Try again in {minutes} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::{ErrorBody, FieldError};

    fn server_error(status: u16, body: ErrorBody) -> ApiError {
        ApiError::Server { status, body }
    }

    fn validation_failed(fields: &[(&str, &str)]) -> ApiError {
        let mut body = ErrorBody::new(ErrorCode::ValidationFailed, "Some fields need attention.");
        body.error.fields = fields
            .iter()
            .map(|(field, message)| FieldError {
                field: (*field).into(),
                message: (*message).into(),
            })
            .collect();
        server_error(422, body)
    }

    #[test]
    fn field_messages_are_the_shared_ones() {
        assert_eq!(
            email_error("ada@"),
            Some("Enter an email address like name@example.com.".into())
        );
        assert_eq!(email_error("  Ada@Example.com "), None);
        assert_eq!(
            new_password_error("short"),
            Some("Use at least 8 characters.".into())
        );
        assert_eq!(new_password_error("long enough"), None);
        assert_eq!(full_name_error("   "), Some("Enter your name.".into()));
        assert_eq!(full_name_error("Ada Lovelace"), None);
    }

    #[test]
    fn a_time_zone_must_be_given() {
        assert_eq!(
            time_zone_error("  "),
            Some("Enter a time zone such as Europe/Paris.".into())
        );
        assert_eq!(time_zone_error("Europe/Paris"), None);
    }

    #[test]
    fn names_with_invisible_characters_are_refused_before_sending() {
        assert_eq!(
            full_name_error("Ada\u{200B}Lovelace"),
            Some("A name cannot contain invisible characters such as zero-width spaces.".into())
        );
    }

    #[test]
    fn signing_in_only_needs_some_password() {
        assert_eq!(current_password_error(""), Some(PASSWORD_MISSING.into()));
        assert_eq!(current_password_error("short"), None);
    }

    #[test]
    fn own_messages_wait_until_the_field_is_touched() {
        let own = || Some("Enter your name.".to_owned());
        assert_eq!(visible_error(own(), None, false), None);
        assert_eq!(visible_error(own(), None, true), own());
    }

    #[test]
    fn server_messages_show_until_the_app_has_its_own() {
        let server = || Some("That address cannot receive email.".to_owned());
        assert_eq!(visible_error(None, server(), false), server());
        assert_eq!(visible_error(None, server(), true), server());
        assert_eq!(
            visible_error(Some("Enter your name.".into()), server(), true),
            Some("Enter your name.".into())
        );
    }

    #[test]
    fn field_refusals_stay_with_their_fields() {
        let error =
            validation_failed(&[("email", "Enter an email address like name@example.com.")]);
        assert_eq!(form_error(&error, &["email", "password"]), None);

        let error = validation_failed(&[("role", "Pick a role.")]);
        assert_eq!(
            form_error(&error, &["email", "password"]),
            Some("Some fields need attention.".into())
        );
        assert_eq!(
            form_error(&validation_failed(&[]), &["email"]),
            Some("Some fields need attention.".into())
        );
    }

    #[test]
    fn other_refusals_use_the_server_message() {
        let error = server_error(
            401,
            ErrorBody::new(
                ErrorCode::InvalidCredentials,
                "Email or password is incorrect.",
            ),
        );
        assert_eq!(
            form_error(&error, &["email", "password"]),
            Some("Email or password is incorrect.".into())
        );
        let error = server_error(
            409,
            ErrorBody::new(ErrorCode::EmailTaken, "This email already has an account."),
        );
        assert_eq!(
            form_error(&error, &["email"]),
            Some("This email already has an account.".into())
        );
    }

    #[test]
    fn rate_limits_say_how_long_to_wait() {
        let mut body = ErrorBody::new(ErrorCode::RateLimited, "Too many requests.");
        body.error.retry_after_seconds = Some(14 * 60 + 5);
        assert_eq!(
            form_error(&server_error(429, body), &[]),
            Some("Too many attempts. Try again in 15 minutes.".into())
        );
        let body = ErrorBody::new(ErrorCode::RateLimited, "Too many requests.");
        assert_eq!(
            form_error(&server_error(429, body), &[]),
            Some("Too many requests.".into())
        );
    }

    #[test]
    fn waits_are_whole_minutes() {
        assert_eq!(try_again_in(0), "Try again in 1 minute.");
        assert_eq!(try_again_in(59), "Try again in 1 minute.");
        assert_eq!(try_again_in(60), "Try again in 1 minute.");
        assert_eq!(try_again_in(61), "Try again in 2 minutes.");
        assert_eq!(try_again_in(900), "Try again in 15 minutes.");
    }

    #[test]
    fn no_answer_gets_the_connection_message() {
        let error = ApiError::Network("Failed to fetch".into());
        assert!(form_error(&error, &["email"])
            .unwrap()
            .contains("could not reach"));
    }
}
