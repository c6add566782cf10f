//! The stage `cargo test (SMTP)`: the server's `#[ignore]`d suites that
//! send real mail over SMTP. Each test starts its own SMTP sink
//! (`server/tests/common/smtp_sink.rs`); this stage only tells them which
//! Python runs it.

use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Result};

use crate::process;
use crate::smtp_sink;
use crate::summary::{self, Stage};
use crate::workspace::Workspace;

pub const STAGE: &str = "cargo test (SMTP)";
pub const WHAT: &str = "cargo test --ignored (mail suites) against the SMTP sink";

/// The server's test binaries whose ignored tests need the SMTP sink.
pub const SUITES: &[&str] = &["mail", "mail_sink"];

/// The variable those suites need, or an error saying how to get it.
pub fn python_env(workspace: &Workspace) -> Result<(&'static str, String)> {
    let python = smtp_sink::python(workspace);
    if !python.is_file() {
        bail!(
            "{} is missing: run `cargo xtask setup` (it installs aiosmtpd {} for the SMTP sink)",
            python.display(),
            smtp_sink::AIOSMTPD_VERSION
        );
    }
    Ok((smtp_sink::PYTHON_VAR, python.to_string_lossy().into_owned()))
}

/// `--test SUITE` for each of [`SUITES`].
pub fn add_suites(command: &mut Command) {
    for suite in SUITES {
        command.args(["--test", suite]);
    }
}

/// Runs the SMTP suites' ignored tests.
pub fn run(workspace: &Workspace) -> Result<Stage> {
    let started = Instant::now();
    let (name, value) = python_env(workspace)?;
    let mut command = workspace.cargo()?;
    command.args(["test", "--no-fail-fast", "-p", "tandem-server"]);
    add_suites(&mut command);
    command.args(["--", "--ignored"]).env(name, value);
    println!("{STAGE}: {}", process::describe(&command));
    let (status, lines) = process::run_capturing(STAGE, command)?;
    let counts = summary::cargo_test_counts(&lines);
    let mut stage = Stage::tests(STAGE, counts, status.success(), started.elapsed());
    if counts.passed + counts.failed == 0 {
        stage.failed += 1;
        stage.note = "no SMTP test ran".to_owned();
    }
    Ok(stage)
}
