use std::collections::HashMap;
use tandem_server::config::Config;
use tandem_server::mail::{Email, Mailer};

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
    Email::plain(
        "ada@example.com".parse().expect("valid address"),
        "Hello",
        text,
    )
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
async fn text_that_is_not_seven_bit_is_encoded_rather_than_sent_raw() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mailer = outbox_mailer(dir.path());
    mailer
        .send(email("Grüße from Zoë\n"))
        .await
        .expect("an encoded email");
    let name = std::fs::read_dir(dir.path().join("deeper").join("outbox"))
        .expect("outbox")
        .next()
        .expect("one email")
        .expect("entry")
        .path();
    let written = std::fs::read_to_string(name).expect("readable");
    assert!(written.is_ascii(), "the message itself is 7-bit: {written}");
    assert!(
        written.contains("Content-Transfer-Encoding: quoted-printable")
            || written.contains("Content-Transfer-Encoding: base64"),
        "{written}"
    );
}

#[tokio::test]
async fn a_message_with_html_and_a_calendar_is_multipart_with_an_invite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mailer = outbox_mailer(dir.path());
    let mut message = email("Booked.\n");
    message.html = Some("<p>Booked.</p>".into());
    message.calendar = Some("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".into());
    message.unsubscribe_url =
        Some("https://tandem.example.com/api/reminders/unsubscribe?token=t".into());
    message.message_id = Some("<booking-1.booked@tandem.example.com>".into());
    mailer.send(message).await.expect("sent");
    let name = std::fs::read_dir(dir.path().join("deeper").join("outbox"))
        .expect("outbox")
        .next()
        .expect("one email")
        .expect("entry")
        .path();
    let written = std::fs::read_to_string(name).expect("readable");
    for needle in [
        "Content-Type: multipart/mixed",
        "Content-Type: multipart/alternative",
        "Content-Type: text/html",
        "method=REQUEST",
        "filename=\"invite.ics\"",
        "List-Unsubscribe: <https://tandem.example.com/api/reminders/unsubscribe?token=t>",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        "Message-ID: <booking-1.booked@tandem.example.com>",
    ] {
        assert!(written.contains(needle), "no {needle:?} in:\n{written}");
    }
}
