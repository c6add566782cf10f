//! What a new password must be, wherever one is chosen (registration,
//! password reset, password change): the shared length rule (8 to 128
//! characters), not easy to guess by zxcvbn's estimate (a score of at
//! least [`MIN_SCORE`]), and without the person's email name or name in it.

use tandem_api::validation;
use zxcvbn::Score;

/// zxcvbn's "safely unguessable": more than 10^8 guesses, which an
/// attacker with a stolen Argon2 hash cannot try in a short time.
pub const MIN_SCORE: Score = Score::Three;

/// Parts of an email or a name shorter than this are too common inside
/// other words to refuse a password for.
const MIN_PART_CHARS: usize = 3;
const MIN_NAME_WORD_CHARS: usize = 4;

/// `Ok` for an acceptable new password for the account of `email` and
/// `full_name`; otherwise the message that says why it is refused.
pub fn check(password: &str, email: &str, full_name: &str) -> Result<(), String> {
    validation::check_password(password).map_err(|error| error.to_string())?;

    let lowered = password.to_lowercase();
    let local_part = email
        .split('@')
        .next()
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    if local_part.chars().count() >= MIN_PART_CHARS && lowered.contains(&local_part) {
        return Err("Do not put your email address in your password.".into());
    }
    if name_parts(full_name)
        .iter()
        .any(|part| lowered.contains(part.as_str()))
    {
        return Err("Do not put your name in your password.".into());
    }

    let mut inputs: Vec<&str> = vec![email, &local_part, full_name];
    inputs.extend(full_name.split_whitespace());
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    Err(weak_message(estimate.feedback()))
}

/// The name as a whole (without spaces) and each longer word of it (runs
/// of letters: digits in a name are not what people guess), lower-cased.
fn name_parts(full_name: &str) -> Vec<String> {
    let lowered = full_name.to_lowercase();
    let whole: String = lowered.split_whitespace().collect();
    let mut parts: Vec<String> = lowered
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().count() >= MIN_NAME_WORD_CHARS)
        .map(str::to_owned)
        .collect();
    if whole.chars().count() >= MIN_PART_CHARS {
        parts.push(whole);
    }
    parts
}

/// "This password is easy to guess: <zxcvbn's warning> <its suggestions>".
fn weak_message(feedback: Option<&zxcvbn::feedback::Feedback>) -> String {
    let warning = feedback.and_then(|f| f.warning()).map(|w| w.to_string());
    let suggestions: Vec<String> = feedback
        .map(|f| f.suggestions().iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    let mut message = match warning {
        Some(warning) => format!("This password is easy to guess: {warning}"),
        None => "This password is easy to guess.".to_owned(),
    };
    if suggestions.is_empty() {
        message.push_str(" Add more words that are not easy to predict.");
    } else {
        for suggestion in suggestions {
            message.push(' ');
            message.push_str(&suggestion);
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "ada.lovelace@example.com";
    const NAME: &str = "Ada Lovelace";

    #[test]
    fn long_unpredictable_passwords_pass() {
        for password in [
            "correct horse battery staple",
            "plum-orbit-saddle-42-quiet",
            "Vx7!pL2#qR9z",
        ] {
            assert_eq!(check(password, EMAIL, NAME), Ok(()), "{password}");
        }
    }

    #[test]
    fn common_and_guessable_passwords_are_refused_with_a_reason() {
        for password in [
            "password",
            "password123",
            "qwertyuiop",
            "12345678",
            "iloveyou1",
        ] {
            let message = check(password, EMAIL, NAME).expect_err(password);
            assert!(
                message.starts_with("This password is easy to guess"),
                "{message}"
            );
            assert!(
                message.len() > "This password is easy to guess.".len(),
                "{message}"
            );
        }
    }

    #[test]
    fn the_email_name_and_the_person_name_are_refused() {
        assert_eq!(
            check("my ada.lovelace secret 93!", EMAIL, NAME),
            Err("Do not put your email address in your password.".into())
        );
        assert_eq!(
            check("LOVELACE-rocket-garden-81", EMAIL, NAME),
            Err("Do not put your name in your password.".into())
        );
        assert_eq!(
            check("zebra adalovelace 1815!", "someone@example.com", NAME),
            Err("Do not put your name in your password.".into())
        );
    }

    #[test]
    fn digits_in_a_name_are_not_the_name() {
        assert_eq!(
            check(
                "correct horse 1764627-4521",
                "e2e-1764627@example.com",
                "Eve Tester 1764627-4521"
            ),
            Ok(())
        );
    }

    #[test]
    fn length_rules_come_first() {
        assert_eq!(
            check("short", EMAIL, NAME),
            Err("Use at least 8 characters.".into())
        );
        assert_eq!(
            check(&"x".repeat(129), EMAIL, NAME),
            Err("Use at most 128 characters.".into())
        );
    }
}
