//! Outgoing email: over SMTP when `SMTP_URL` is set, otherwise written as
//! `.eml` files into the outbox directory (development and tests).

use crate::config::{MailConfig, SmtpRelay};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{Address, AsyncTransport, Message};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use thiserror::Error;

/// The longest line RFC 5322 allows, without its CRLF.
pub const MAX_LINE: usize = 998;

/// One plain-text message to one address.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: Address,
    pub subject: String,
    /// 7-bit text (printable ASCII, lines of at most [`MAX_LINE`]
    /// characters), sent as it is so that links stay intact on one line.
    pub text: String,
}

#[derive(Debug, Error)]
pub enum MailError {
    #[error("the text of the email is not 7-bit plain text")]
    NotSevenBit,
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

#[derive(Debug, Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
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
            from: config.from.clone(),
            transport,
        }
    }

    /// Whether messages only land in the local outbox (so that showing
    /// their content in the log leaks nothing to anyone else).
    pub fn is_outbox(&self) -> bool {
        matches!(self.transport, Transport::Outbox(_))
    }

    pub async fn send(&self, email: Email) -> Result<(), MailError> {
        let recipient = email.to.to_string();
        let message = self.message(email)?;
        match &self.transport {
            Transport::Smtp(relay) => {
                relay.transport().send(message).await?;
                tracing::info!(to = %recipient, "email sent");
            }
            Transport::Outbox(dir) => {
                let path = write_to_outbox(dir, &recipient, &message.formatted()).await?;
                tracing::info!(path = %path.display(), "email written to the outbox");
            }
        }
        Ok(())
    }

    fn message(&self, email: Email) -> Result<Message, MailError> {
        let body = seven_bit_body(&email.text)?;
        let part = SinglePart::builder()
            .header(ContentType::TEXT_PLAIN)
            .body(body);
        Ok(Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, email.to))
            .subject(email.subject)
            .singlepart(part)?)
    }
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
async fn write_to_outbox(
    dir: &Path,
    recipient: &str,
    contents: &[u8],
) -> Result<PathBuf, MailError> {
    let at = |path: &Path| {
        let path = path.to_path_buf();
        move |source| MailError::Outbox { path, source }
    };
    tokio::fs::create_dir_all(dir).await.map_err(at(dir))?;

    let recipient = file_name_safe(recipient);
    let mut millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis())
        .unwrap_or_default();
    let temporary = dir.join(format!(
        ".{millis:013}-{recipient}-{:016x}.tmp",
        rand::random::<u64>()
    ));
    tokio::fs::write(&temporary, contents)
        .await
        .map_err(at(&temporary))?;

    let linked = loop {
        let path = dir.join(format!("{millis:013}-{recipient}.eml"));
        match tokio::fs::hard_link(&temporary, &path).await {
            Ok(()) => break Ok(path),
            Err(error) if error.kind() == ErrorKind::AlreadyExists => millis += 1,
            Err(source) => break Err(MailError::Outbox { path, source }),
        }
    };
    if let Err(error) = tokio::fs::remove_file(&temporary).await {
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
