//! `SMTP_URL`, `MAIL_FROM`, `OUTBOX_DIR`.

use super::*;

#[test]
fn smtp_urls_are_read_and_their_password_never_shown() {
    for good in [
        "smtps://user:hunter2-pw@smtp.example.org",
        "smtp://user:hunter2-pw@smtp.example.org:2525?tls=required",
        "smtp://127.0.0.1:1025",
    ] {
        let config = load(&[("SMTP_URL", good)]).expect("valid SMTP_URL");
        assert!(config.mail.smtp.is_some(), "{good}");
        let debug = format!("{config:?}");
        assert!(!debug.contains("hunter2-pw"), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
    }
}

#[test]
fn malformed_smtp_url_names_the_variable_but_not_the_value() {
    for bad in [
        "user:hunter2-pw@smtp.example.org",
        "https://user:hunter2-pw@smtp.example.org",
        "smtp://user:hunter2-pw@smtp.example.org?tls=sometimes",
        "smtps://",
        "not a url hunter2-pw",
    ] {
        let text = message(load(&[("SMTP_URL", bad)]));
        assert!(text.contains("SMTP_URL"), "{bad:?}: {text}");
        assert!(!text.contains("hunter2-pw"), "{bad:?}: {text}");
    }
}

#[test]
fn mail_from_and_outbox_dir_are_read() {
    let config = load(&[
        ("MAIL_FROM", "Tandem <hello@tandem.example.com>"),
        ("OUTBOX_DIR", "mail/outbox"),
    ])
    .expect("valid");
    assert_eq!(
        config.mail.from.email.to_string(),
        "hello@tandem.example.com"
    );
    assert_eq!(config.mail.outbox_dir, std::path::Path::new("mail/outbox"));

    for bad in ["not an address", "Tandem <>", "a@b@c"] {
        let text = message(load(&[("MAIL_FROM", bad)]));
        assert!(text.contains("MAIL_FROM"), "{bad:?}: {text}");
    }
}
