//! The SMTP sink (`tools/smtp_sink.py`, an aiosmtpd server) that the test
//! stack's API server delivers its mail to, and that the server's SMTP
//! suites start themselves: where its Python is, and starting it on
//! loopback until its guard is dropped.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use crate::fuzz;
use crate::process::{Guarded, Output};
use crate::wait;
use crate::workspace::Workspace;

/// Pinned: `cargo xtask setup` installs exactly this version.
pub const AIOSMTPD_VERSION: &str = "1.4.6";
/// The sink's script, from the workspace root.
const SCRIPT: &str = "tools/smtp_sink.py";
/// The variable the server's test support reads the Python from
/// (`server/tests/common/smtp_sink.rs`).
pub const PYTHON_VAR: &str = "TANDEM_TEST_SMTP_PYTHON";
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// The Python that runs the sink: schemathesis's virtual environment,
/// which `cargo xtask setup` also installs aiosmtpd into.
pub fn python(workspace: &Workspace) -> PathBuf {
    fuzz::venv_dir(workspace).join("bin").join("python")
}

/// `smtp://127.0.0.1:PORT`: plain SMTP without TLS, the form `SMTP_URL`
/// takes for a relay on the same machine.
pub fn url(port: u16) -> String {
    format!("smtp://{}:{port}", wait::LOOPBACK)
}

/// Starts the sink on 127.0.0.1:`port`, storing into `dir` (created if
/// missing), its output in `log`; returns once it listens.
pub fn start(workspace: &Workspace, port: u16, dir: &Path, log: &Path) -> Result<Guarded> {
    let mut command = workspace.command(python(workspace))?;
    command
        .arg(workspace.root().join(SCRIPT))
        .arg("--dir")
        .arg(dir)
        .arg("--port")
        .arg(port.to_string());
    let mut sink = Guarded::spawn("smtp sink", command, Output::LogFile(log.to_path_buf()))?;
    let ready = format!("listening on {}:{port}", wait::LOOPBACK);
    wait::wait_until(
        &format!("the SMTP sink on {}", url(port)),
        START_TIMEOUT,
        &mut [&mut sink],
        || match fs::read_to_string(log) {
            Ok(text) if text.lines().any(|line| line == ready) => Ok(()),
            Ok(text) => Err(format!("its log says: {}", text.trim())),
            Err(error) => Err(format!("cannot read {}: {error}", log.display())),
        },
    )?;
    Ok(sink)
}
