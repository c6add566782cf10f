use std::collections::HashMap;
use tandem_server::config::Config;
use tandem_server::mail::{Email, MailError, Mailer};

fn outbox_mailer(dir: &std::path::Path) -> Mailer {
    let outbox = dir.join("deeper").join("outbox");
    let vars: HashMap<&str, String> = [
        ("OUTBOX_DIR", outbox.to_string_lossy().into_owned()),
        (
            "MAIL_FROM",
            "Tandem Test <tests@tandem.example.com>".to_owned(),
        ),
    ]
    .into_iter()
    .collect();
    let config = Config::from_lookup(|name| vars.get(name)).expect("valid configuration");
    Mailer::new(&config.mail)
}

fn email(text: &str) -> Email {
    Email {
        to: "ada@example.com".parse().expect("valid address"),
        subject: "Hello".into(),
        text: text.into(),
    }
}

#[tokio::test]
async fn the_outbox_is_created_and_the_newest_email_sorts_last() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mailer = outbox_mailer(dir.path());
    assert!(mailer.is_outbox());
    let link = format!("http://127.0.0.1:3000/verify?token={}", "x".repeat(43));
    mailer.send(email("first\n")).await.expect("sent");
    mailer
        .send(email(&format!("second\n\n{link}\n")))
        .await
        .expect("sent");

    let outbox = dir.path().join("deeper").join("outbox");
    let mut names: Vec<String> = std::fs::read_dir(&outbox)
        .expect("outbox exists")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    for name in &names {
        let (millis, rest) = name.split_once('-').expect("millis first");
        assert_eq!(millis.len(), 13, "{name}");
        assert!(millis.bytes().all(|b| b.is_ascii_digit()), "{name}");
        assert_eq!(rest, "ada@example.com.eml");
    }

    let newest = std::fs::read_to_string(outbox.join(&names[1])).expect("readable");
    assert!(
        newest.contains("From: \"Tandem Test\" <tests@tandem.example.com>")
            || newest.contains("From: Tandem Test <tests@tandem.example.com>"),
        "{newest}"
    );
    assert!(newest.contains("To: ada@example.com"), "{newest}");
    assert!(newest.contains("Subject: Hello"), "{newest}");
    assert!(newest.contains("Content-Type: text/plain"), "{newest}");
    assert!(
        newest.contains("Content-Transfer-Encoding: 7bit"),
        "{newest}"
    );
    assert!(newest.lines().any(|line| line == link), "{newest}");
}

#[tokio::test]
async fn text_that_is_not_seven_bit_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mailer = outbox_mailer(dir.path());
    let result = mailer.send(email("Grüße\n")).await;
    assert!(matches!(result, Err(MailError::NotSevenBit)), "{result:?}");
}
