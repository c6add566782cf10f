//! A real SMTP server for the suites that send mail: `tools/smtp_sink.py`
//! (aiosmtpd) on loopback, run with the Python of `TANDEM_TEST_SMTP_PYTHON`
//! (`cargo xtask test` sets it), storing every message it accepts as an
//! `.eml` file; and those messages, parsed.

use mailparse::{DispositionType, MailHeaderMap, ParsedMail};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The Python (with aiosmtpd) that runs the sink.
pub const PYTHON_VAR: &str = "TANDEM_TEST_SMTP_PYTHON";
/// The sink's script, from the server's folder.
const SCRIPT: &str = "../tools/smtp_sink.py";
const START_TIMEOUT: Duration = Duration::from_secs(20);
const STOP_TIMEOUT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(50);

/// A running SMTP sink, stopped when dropped. Its messages and its refusal
/// switch live in a temporary folder of its own.
pub struct SmtpSink {
    home: TempDir,
    port: u16,
    running: Option<Running>,
}

struct Running {
    child: Child,
    /// The sink stops when this closes (`--until-stdin-closes`), also when
    /// the test process dies without dropping the sink.
    stdin: Option<ChildStdin>,
}

/// One stored message, as the recipient's mailbox would hold it.
#[derive(Debug, Clone)]
pub struct SinkMessage {
    /// `<unix-millis>-<recipient>.eml`.
    pub file_name: String,
    /// The envelope recipient (`RCPT TO`), lowercased.
    pub recipient: String,
    /// The message exactly as it arrived.
    pub raw: Vec<u8>,
    /// The top-level headers in order, values decoded.
    pub headers: Vec<(String, String)>,
    pub subject: String,
    /// The first `text/plain` part that is not an attachment.
    pub text: Option<String>,
    /// The first `text/html` part that is not an attachment.
    pub html: Option<String>,
    /// Every other leaf part (an attachment, or a `text/calendar` part).
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The MIME type, lowercased, such as `text/calendar`.
    pub content_type: String,
    /// The type's parameters (`method`, `charset`, `name`…), keys lowercased.
    pub content_type_params: BTreeMap<String, String>,
    pub filename: Option<String>,
    /// The content, transfer encoding undone.
    pub bytes: Vec<u8>,
}

impl SinkMessage {
    /// The first top-level header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The attachments of MIME type `content_type`.
    pub fn attachments_of_type<'a>(
        &'a self,
        content_type: &'a str,
    ) -> impl Iterator<Item = &'a Attachment> + 'a {
        self.attachments
            .iter()
            .filter(move |attachment| attachment.content_type.eq_ignore_ascii_case(content_type))
    }
}

impl SmtpSink {
    /// Starts a sink on a port the system picks and waits until it listens.
    /// Panics when `TANDEM_TEST_SMTP_PYTHON` is not set.
    pub fn start() -> Self {
        let home = tempfile::tempdir().expect("a temporary folder for the SMTP sink");
        let mut sink = Self {
            home,
            port: 0,
            running: None,
        };
        sink.spawn();
        sink
    }

    /// `smtp://127.0.0.1:PORT`: plain SMTP without TLS, the form `SMTP_URL`
    /// takes for a relay on the same machine.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Where the messages are stored, one `.eml` file per recipient.
    pub fn dir(&self) -> PathBuf {
        self.home.path().join("outbox")
    }

    fn refuse_file(&self) -> PathBuf {
        self.home.path().join("refuse")
    }

    /// Every stored message, oldest first.
    pub fn messages(&self) -> Vec<SinkMessage> {
        let mut names: Vec<String> = match std::fs::read_dir(self.dir()) {
            Ok(entries) => entries
                .filter_map(|entry| entry.ok())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".eml") && !name.starts_with('.'))
                .collect(),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(error) => panic!("cannot read {}: {error}", self.dir().display()),
        };
        names.sort();
        names
            .into_iter()
            .map(|name| {
                let path = self.dir().join(&name);
                let raw = std::fs::read(&path)
                    .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
                parse(name, raw)
            })
            .collect()
    }

    /// The stored messages to `recipient` (any case), oldest first.
    pub fn messages_to(&self, recipient: &str) -> Vec<SinkMessage> {
        let recipient = recipient.to_lowercase();
        self.messages()
            .into_iter()
            .filter(|message| message.recipient == recipient)
            .collect()
    }

    /// Waits until at least `count` messages are stored and returns them
    /// all; panics, naming what did arrive, after `timeout`.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<SinkMessage> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if Instant::now() >= deadline {
                let arrived: Vec<String> = messages
                    .iter()
                    .map(|message| format!("{:?} to {}", message.subject, message.recipient))
                    .collect();
                panic!(
                    "expected {count} messages in the SMTP sink within {timeout:?}, got {}: {arrived:?}",
                    messages.len()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// While `true`, the sink answers every message `451 4.3.0 try again
    /// later` (a transient error) and stores nothing.
    pub fn refuse(&self, refusing: bool) {
        let file = self.refuse_file();
        let result = if refusing {
            std::fs::write(&file, b"")
        } else {
            match std::fs::remove_file(&file) {
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
                other => other,
            }
        };
        result.unwrap_or_else(|error| panic!("cannot switch {}: {error}", file.display()));
    }

    /// Stops the sink (connections are then refused); the stored messages
    /// stay.
    pub fn stop(&mut self) {
        let Some(mut running) = self.running.take() else {
            return;
        };
        drop(running.stdin.take());
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = running.child.try_wait() {
                return;
            }
            std::thread::sleep(POLL);
        }
        let _ = running.child.kill();
        let _ = running.child.wait();
    }

    /// Starts the sink again on the same port and folder.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    fn spawn(&mut self) {
        let python = std::env::var_os(PYTHON_VAR).filter(|value| !value.is_empty()).unwrap_or_else(|| {
            panic!(
                "{PYTHON_VAR} is not set: the SMTP tests need a Python with aiosmtpd; run them with \
                 `cargo xtask test` (or `cargo xtask smtp-tests`), which installs it and sets the variable"
            )
        });
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT);
        let mut child = Command::new(&python)
            .arg(&script)
            .arg("--dir")
            .arg(self.dir())
            .arg("--port")
            .arg(self.port.to_string())
            .arg("--refuse-while")
            .arg(self.refuse_file())
            .arg("--until-stdin-closes")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "cannot start the SMTP sink ({} {}): {error}",
                    Path::new(&python).display(),
                    script.display()
                )
            });
        let stdin = child.stdin.take();
        let stdout = child
            .stdout
            .take()
            .expect("the sink's piped standard output");
        let (ready, listening) = mpsc::channel();
        // Reads the `listening on` line, then keeps the pipe drained (the
        // sink logs every message) so that the sink never blocks on it.
        std::thread::spawn(move || {
            let mut ready = Some(ready);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                match line.strip_prefix("listening on 127.0.0.1:") {
                    Some(port) if ready.is_some() => {
                        if let (Some(ready), Ok(port)) = (ready.take(), port.trim().parse::<u16>())
                        {
                            let _ = ready.send(port);
                        }
                    }
                    _ => eprintln!("[smtp sink] {line}"),
                }
            }
        });
        let mut running = Running { child, stdin };
        match listening.recv_timeout(START_TIMEOUT) {
            Ok(port) => {
                self.port = port;
                self.running = Some(running);
            }
            Err(error) => {
                let _ = running.child.kill();
                let status = running.child.wait();
                panic!(
                    "the SMTP sink did not start listening ({error}; exit status {status:?}): its \
                     output is above; is aiosmtpd installed (`cargo xtask setup`)?"
                );
            }
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `<unix-millis>-<recipient>.eml` and its bytes, parsed.
fn parse(file_name: String, raw: Vec<u8>) -> SinkMessage {
    let recipient = file_name
        .strip_suffix(".eml")
        .and_then(|stem| stem.split_once('-'))
        .map(|(_, recipient)| recipient.to_owned())
        .unwrap_or_else(|| panic!("not a stored message's name: {file_name}"));
    let mail = mailparse::parse_mail(&raw)
        .unwrap_or_else(|error| panic!("{file_name} is not a message: {error}"));
    let headers = mail
        .headers
        .iter()
        .map(|header| (header.get_key(), header.get_value()))
        .collect();
    let subject = mail.headers.get_first_value("Subject").unwrap_or_default();
    let mut text = None;
    let mut html = None;
    let mut attachments = Vec::new();
    for part in mail.parts().filter(|part| part.subparts.is_empty()) {
        let disposition = part.get_content_disposition();
        let attached = disposition.disposition == DispositionType::Attachment;
        let mimetype = part.ctype.mimetype.to_lowercase();
        match mimetype.as_str() {
            "text/plain" if !attached && text.is_none() => text = Some(body(part, &file_name)),
            "text/html" if !attached && html.is_none() => html = Some(body(part, &file_name)),
            _ => attachments.push(Attachment {
                content_type: mimetype,
                content_type_params: part.ctype.params.clone(),
                filename: disposition
                    .params
                    .get("filename")
                    .or_else(|| part.ctype.params.get("name"))
                    .cloned(),
                bytes: part.get_body_raw().unwrap_or_else(|error| {
                    panic!("{file_name}: cannot decode an attachment: {error}")
                }),
            }),
        }
    }
    SinkMessage {
        file_name,
        recipient,
        raw,
        headers,
        subject,
        text,
        html,
        attachments,
    }
}

fn body(part: &ParsedMail<'_>, file_name: &str) -> String {
    part.get_body()
        .unwrap_or_else(|error| panic!("{file_name}: cannot decode a text part: {error}"))
}
