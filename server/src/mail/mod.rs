//! Outgoing email: over SMTP when `SMTP_URL` is set, otherwise written as
//! `.eml` files into the outbox directory (development and tests).
//!
//! Nothing sends directly: every message is written into the durable
//! queue ([`queue`]) in the transaction of the change it tells about, and
//! the [`worker`] of any server process delivers it with [`Mailer`].

pub mod headers;
pub mod queue;
pub mod worker;

use crate::config::{MailConfig, SmtpRelay};
use headers::{ListUnsubscribe, ListUnsubscribePost};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::{Address, AsyncTransport, Message};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use thiserror::Error;

/// The longest line RFC 5322 allows, without its CRLF.
pub const MAX_LINE: usize = 998;

/// One message to one address: plain text, and optionally an HTML
/// alternative, an iCalendar invitation and a one-click unsubscribe link.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: Address,
    pub subject: String,
    /// Sent as it is (`7bit`) when it is printable ASCII in lines of at
    /// most [`MAX_LINE`] characters, so that links stay whole on one line;
    /// otherwise encoded (quoted-printable).
    pub text: String,
    pub html: Option<String>,
    /// An iCalendar object with its `METHOD`, attached as `invite.ics`.
    pub calendar: Option<String>,
    /// The `List-Unsubscribe` address (RFC 8058 one-click).
    pub unsubscribe_url: Option<String>,
    /// The same for every delivery attempt of one queued message, so that
    /// a receiver can drop a duplicate.
    pub message_id: Option<String>,
}

impl Email {
    /// A plain-text message without extras.
    pub fn plain(to: Address, subject: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            to,
            subject: subject.into(),
            text: text.into(),
            html: None,
            calendar: None,
            unsubscribe_url: None,
            message_id: None,
        }
    }
}

#[derive(Debug, Error)]
pub enum MailError {
    #[error("the text of the email is not 7-bit plain text")]
    NotSevenBit,
    #[error("the calendar's METHOD is missing or unusable")]
    CalendarMethod,
    #[error("{0:?} is not an email address")]
    Recipient(String),
    #[error("cannot build the email: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("the SMTP relay refused the email: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("cannot write the email to {}: {source}", path.display())]
    Outbox {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Cheap to clone (the server's state is cloned for every request): the
/// sender and the transport are shared.
#[derive(Debug, Clone)]
pub struct Mailer {
    from: Arc<Mailbox>,
    transport: Arc<Transport>,
}

#[derive(Debug, Clone)]
enum Transport {
    Smtp(SmtpRelay),
    Outbox(PathBuf),
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Self {
        let transport = match &config.smtp {
            Some(relay) => Transport::Smtp(relay.clone()),
            None => Transport::Outbox(config.outbox_dir.clone()),
        };
        Self {
            from: Arc::new(config.from.clone()),
            transport: Arc::new(transport),
        }
    }

    /// Whether messages only land in the local outbox (so that showing
    /// their content in the log leaks nothing to anyone else).
    pub fn is_outbox(&self) -> bool {
        matches!(*self.transport, Transport::Outbox(_))
    }

    pub async fn send(&self, email: Email) -> Result<(), MailError> {
        let recipient = email.to.to_string();
        let message = self.message(email)?;
        match &*self.transport {
            Transport::Smtp(relay) => {
                relay.transport().send(message).await?;
                tracing::info!(to = %recipient, "email sent");
            }
            Transport::Outbox(dir) => {
                let path = write_to_outbox(dir, &recipient, message.formatted()).await?;
                tracing::info!(path = %path.display(), "email written to the outbox");
            }
        }
        Ok(())
    }

    fn message(&self, email: Email) -> Result<Message, MailError> {
        let text = match seven_bit_body(&email.text) {
            Ok(body) => body,
            Err(_) => Body::new(email.text.clone()),
        };
        let text = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(text);
        let mut builder = Message::builder()
            .from(Mailbox::clone(&self.from))
            .to(Mailbox::new(None, email.to))
            .subject(email.subject)
            .message_id(email.message_id);
        if let Some(url) = email.unsubscribe_url {
            builder = builder
                .header(ListUnsubscribe::new(&url))
                .header(ListUnsubscribePost);
        }
        if email.html.is_none() && email.calendar.is_none() {
            return Ok(builder.singlepart(text)?);
        }
        let mut content = match email.html {
            Some(html) => MultiPart::alternative()
                .singlepart(text)
                .singlepart(SinglePart::html(html)),
            None => MultiPart::alternative().singlepart(text),
        };
        let Some(calendar) = email.calendar else {
            return Ok(builder.multipart(content)?);
        };
        let method = calendar_method(&calendar).ok_or(MailError::CalendarMethod)?;
        let calendar_type =
            ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                .map_err(|_| MailError::CalendarMethod)?;
        // Calendar apps read the invitation inline; people save the file.
        content = content.singlepart(
            SinglePart::builder()
                .header(calendar_type.clone())
                .body(calendar.clone()),
        );
        let file = Attachment::new("invite.ics".into()).body(calendar, calendar_type);
        Ok(builder.multipart(MultiPart::mixed().multipart(content).singlepart(file))?)
    }
}

/// The `METHOD` of an iCalendar object (`REQUEST`, `CANCEL`…).
fn calendar_method(calendar: &str) -> Option<&str> {
    calendar
        .lines()
        .find_map(|line| line.trim_end().strip_prefix("METHOD:"))
        .filter(|method| !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase()))
}

/// The text as a `7bit` body with CRLF line ends. lettre's own encoder
/// would switch to quoted-printable past 76 characters a line, which
/// breaks long links; RFC 5322 allows up to 998.
fn seven_bit_body(text: &str) -> Result<Body, MailError> {
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let printable = line
            .bytes()
            .all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
        if !printable || line.len() > MAX_LINE {
            return Err(MailError::NotSevenBit);
        }
        lines.push(line);
    }
    let crlf = lines.join("\r\n").into_bytes();
    Ok(Body::dangerous_pre_encoded(
        crlf,
        ContentTransferEncoding::SevenBit,
    ))
}

/// Writes `contents` as `<unix-millis>-<recipient>.eml`, so that the newest
/// message sorts last. The file appears whole: it is written under a
/// temporary name first, then linked under a name nobody has taken.
///
/// The file operations run together on one blocking thread: as separate
/// `tokio::fs` calls each would be a hand-off of its own, four per message.
async fn write_to_outbox(
    dir: &Path,
    recipient: &str,
    contents: Vec<u8>,
) -> Result<PathBuf, MailError> {
    let dir = dir.to_path_buf();
    let recipient = file_name_safe(recipient);
    let written = tokio::task::spawn_blocking(move || write_file(&dir, &recipient, &contents));
    match written.await {
        Ok(result) => result,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

fn write_file(dir: &Path, recipient: &str, contents: &[u8]) -> Result<PathBuf, MailError> {
    let at = |path: &Path| {
        let path = path.to_path_buf();
        move |source| MailError::Outbox { path, source }
    };
    std::fs::create_dir_all(dir).map_err(at(dir))?;

    let mut millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis())
        .unwrap_or_default();
    let temporary = dir.join(format!(
        ".{millis:013}-{recipient}-{:016x}.tmp",
        rand::random::<u64>()
    ));
    std::fs::write(&temporary, contents).map_err(at(&temporary))?;

    let linked = loop {
        let path = dir.join(format!("{millis:013}-{recipient}.eml"));
        match std::fs::hard_link(&temporary, &path) {
            Ok(()) => break Ok(path),
            Err(error) if error.kind() == ErrorKind::AlreadyExists => millis += 1,
            Err(source) => break Err(MailError::Outbox { path, source }),
        }
    };
    if let Err(error) = std::fs::remove_file(&temporary) {
        tracing::warn!(%error, path = %temporary.display(), "cannot remove a temporary file");
    }
    linked
}

/// The address with anything but letters, digits and `@._+-` replaced.
fn file_name_safe(recipient: &str) -> String {
    recipient
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "@._+-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_stay_whole_and_non_ascii_is_refused() {
        let link = format!("https://tandem.example.com/verify?token={}", "t".repeat(43));
        let body = seven_bit_body(&format!("Hello,\n\n{link}\n")).unwrap();
        assert_eq!(body.encoding(), ContentTransferEncoding::SevenBit);
        assert_eq!(
            body.as_ref(),
            format!("Hello,\r\n\r\n{link}\r\n").as_bytes()
        );
        assert!(seven_bit_body("Grüße").is_err());
        assert!(seven_bit_body("a\rb").is_err());
        assert!(seven_bit_body(&"x".repeat(MAX_LINE + 1)).is_err());
        assert!(seven_bit_body(&"x".repeat(MAX_LINE)).is_ok());
    }

    #[test]
    fn file_names_keep_plain_addresses() {
        assert_eq!(file_name_safe("ada+1@example.com"), "ada+1@example.com");
        assert_eq!(file_name_safe("a/b\\c d@x.org"), "a_b_c_d@x.org");
    }
}
