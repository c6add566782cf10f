//! Links that carry a token reach the log only in dev mode, and the
//! server says loudly at start when email goes nowhere.

use super::support::{TestApp, RESET_LINK};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// Everything logged while it is the thread's default subscriber.
#[derive(Clone, Default)]
struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    fn text(&self) -> String {
        let bytes = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Registers (a verification link), asks for a reset (a reset link), and
/// answers the log of it and the two tokens mailed.
async fn log_of_two_links(mode: &str) -> (String, [String; 2]) {
    let log = CapturedLog::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::with_vars(&[("TANDEM_MODE", mode)]).await;
    app.signed_up("ada@example.com").await;
    let verification = app.newest_token("ada@example.com").await;
    app.ask_reset("ada@example.com").await;
    let reset = app.reset_token("ada@example.com").await;
    (log.text(), [verification, reset])
}

#[tokio::test(flavor = "current_thread")]
async fn outside_dev_mode_no_token_is_logged() {
    let (log, tokens) = log_of_two_links("production").await;
    assert!(log.contains("email written to the outbox"), "{log}");
    for token in tokens {
        assert!(!log.contains(&token), "a token in the log:\n{log}");
    }
    assert!(!log.contains("token="), "{log}");
}

#[tokio::test(flavor = "current_thread")]
async fn in_dev_mode_the_links_are_logged_for_the_developer() {
    let (log, [verification, reset]) = log_of_two_links("dev").await;
    assert!(log.contains(&verification), "{log}");
    assert!(log.contains(&format!("{RESET_LINK}{reset}")), "{log}");
}

/// Starts the real binary with `vars` and answers its output up to the
/// "listening" line (then stops it).
fn startup_output(vars: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let database = format!("sqlite://{}", dir.path().join("tandem.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_tandem-server"))
        .current_dir(dir.path())
        .env_clear()
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", database)
        .env("NO_COLOR", "1")
        .envs(vars.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut output = String::new();
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        output.push_str(&line);
        output.push('\n');
        if line.contains("listening on") {
            break;
        }
    }
    child.kill().expect("the server stops");
    child.wait().expect("the server is reaped");
    output
}

#[test]
fn production_without_smtp_says_so_loudly_at_start() {
    let output = startup_output(&[("TANDEM_MODE", "production")]);
    let line = output
        .lines()
        .find(|line| line.contains("SMTP_URL is not set"))
        .unwrap_or_else(|| panic!("no warning about SMTP_URL in:\n{output}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("NO EMAIL LEAVES THIS SERVER"), "{line}");
}

#[test]
fn dev_mode_without_smtp_is_calm() {
    let output = startup_output(&[("TANDEM_MODE", "dev")]);
    assert!(output.contains("listening on"), "{output}");
    assert!(!output.contains("SMTP_URL is not set"), "{output}");
}
