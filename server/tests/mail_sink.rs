//! The SMTP sink the mail suites deliver to (`common::smtp_sink`): a real
//! message sent over SMTP with lettre is stored once per recipient and
//! parsed back; while refusing, the sink answers with a transient error and
//! stores nothing; it restarts on the same address. Ignored in plain
//! `cargo test`: `cargo xtask test` runs it with the sink's Python.

mod common;

use common::smtp_sink::SmtpSink;
use lettre::address::Envelope;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{Address, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

const ARRIVAL: Duration = Duration::from_secs(10);
const CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tandem//test//EN\r\n\
                        METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:booking-1@tandem.test\r\n\
                        SEQUENCE:0\r\nDTSTART:20270301T090000Z\r\nDTEND:20270301T100000Z\r\n\
                        SUMMARY:Session\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// lettre's transport for the sink's URL, read the way the server reads
/// `SMTP_URL`.
fn transport(sink: &SmtpSink) -> AsyncSmtpTransport<Tokio1Executor> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(&sink.url())
        .expect("the sink's URL is an SMTP URL")
        .timeout(Some(Duration::from_secs(10)))
        .build()
}

fn mailbox(address: &str) -> Mailbox {
    address.parse().expect("a valid mailbox")
}

fn plain(subject: &str, to: &str) -> Message {
    Message::builder()
        .from(mailbox("Tandem <no-reply@tandem.test>"))
        .to(mailbox(to))
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(format!("{subject}\r\n"))
        .expect("a valid message")
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn a_message_over_smtp_is_stored_once_per_recipient_and_parsed() {
    let sink = SmtpSink::start();
    // `common::config` panics unless the server accepts the URL.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = common::config(dir.path(), &[("SMTP_URL", &sink.url())]);
    assert!(
        config.mail.smtp.is_some(),
        "the server would not send over SMTP"
    );

    let message = Message::builder()
        .from(mailbox("Tandem <no-reply@tandem.test>"))
        .to(mailbox("Ada Lovelace <Ada@Example.com>"))
        .cc(mailbox("bob@example.com"))
        .subject("Your session on 1 March")
        .multipart(
            MultiPart::mixed()
                .multipart(
                    MultiPart::alternative()
                        .singlepart(SinglePart::plain("See you on 1 March.".to_owned()))
                        .singlepart(SinglePart::html(
                            "<p>See you on <b>1 March</b>.</p>".to_owned(),
                        )),
                )
                .singlepart(
                    Attachment::new("session.ics".to_owned()).body(
                        CALENDAR.to_owned(),
                        "text/calendar; method=REQUEST; charset=utf-8"
                            .parse()
                            .expect("a content type"),
                    ),
                ),
        )
        .expect("a valid message");
    transport(&sink)
        .send(message)
        .await
        .expect("the sink accepts the message");

    let messages = sink.wait_for(2, ARRIVAL).await;
    let recipients: Vec<&str> = messages.iter().map(|m| m.recipient.as_str()).collect();
    let mut sorted = recipients.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["ada@example.com", "bob@example.com"]);
    for message in &messages {
        assert!(
            message
                .file_name
                .ends_with(&format!("-{}.eml", message.recipient)),
            "{}",
            message.file_name
        );
        assert_eq!(message.subject, "Your session on 1 March");
        assert_eq!(
            message.header("To"),
            Some("\"Ada Lovelace\" <Ada@Example.com>")
        );
        assert_eq!(
            message.text.as_deref().map(str::trim_end),
            Some("See you on 1 March.")
        );
        assert_eq!(
            message.html.as_deref().map(str::trim_end),
            Some("<p>See you on <b>1 March</b>.</p>")
        );
        assert_eq!(message.attachments.len(), 1, "{:?}", message.attachments);
        let calendar = &message.attachments[0];
        assert_eq!(calendar.content_type, "text/calendar");
        assert_eq!(
            calendar
                .content_type_params
                .get("method")
                .map(String::as_str),
            Some("REQUEST")
        );
        assert_eq!(calendar.filename.as_deref(), Some("session.ics"));
        assert_eq!(String::from_utf8_lossy(&calendar.bytes), CALENDAR);
    }
    assert_eq!(sink.messages_to("ADA@example.com").len(), 1);
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn one_recipient_named_twice_in_one_message_gets_two_files() {
    let sink = SmtpSink::start();
    let ada: Address = "ada@example.com".parse().expect("an address");
    let envelope = Envelope::new(None, vec![ada.clone(), ada]).expect("an envelope");
    let raw = plain("Twice", "ada@example.com").formatted();
    transport(&sink)
        .send_raw(&envelope, &raw)
        .await
        .expect("the sink accepts the message");

    let messages = sink.wait_for(2, ARRIVAL).await;
    assert_eq!(messages.len(), 2);
    assert_ne!(messages[0].file_name, messages[1].file_name);
    // lettre ends DATA with `CRLF . CRLF` after the message's own last
    // CRLF, so the stored copy has one more line end.
    let sent = String::from_utf8_lossy(&raw);
    for message in &messages {
        assert_eq!(String::from_utf8_lossy(&message.raw), format!("{sent}\r\n"));
        assert_eq!(message.subject, "Twice");
    }
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn while_refusing_mail_gets_a_transient_error_and_nothing_is_stored() {
    let sink = SmtpSink::start();
    let smtp = transport(&sink);
    sink.refuse(true);
    let error = smtp
        .send(plain("Refused", "ada@example.com"))
        .await
        .expect_err("a refusing sink refuses");
    assert!(error.is_transient(), "not a transient error: {error}");
    assert!(sink.messages().is_empty());

    sink.refuse(false);
    smtp.send(plain("Accepted", "ada@example.com"))
        .await
        .expect("the sink accepts again");
    let messages = sink.wait_for(1, ARRIVAL).await;
    let subjects: Vec<&str> = messages.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(subjects, ["Accepted"]);
}

#[tokio::test]
#[ignore = "needs the SMTP sink (cargo xtask test)"]
async fn a_restarted_sink_listens_on_the_same_port_and_keeps_its_messages() {
    let mut sink = SmtpSink::start();
    let url = sink.url();
    transport(&sink)
        .send(plain("Before", "ada@example.com"))
        .await
        .expect("the sink accepts the message");
    sink.wait_for(1, ARRIVAL).await;

    sink.stop();
    transport(&sink)
        .send(plain("While stopped", "ada@example.com"))
        .await
        .expect_err("nothing listens while the sink is stopped");

    sink.restart();
    assert_eq!(sink.url(), url);
    transport(&sink)
        .send(plain("After", "ada@example.com"))
        .await
        .expect("the restarted sink accepts the message");
    let messages = sink.wait_for(2, ARRIVAL).await;
    let subjects: Vec<&str> = messages.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(subjects, ["Before", "After"]);
}
