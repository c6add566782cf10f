//! The stack the browser tests and the benchmark run against: a real
//! livekit-server, a real SMTP server (the SMTP sink) and the API server in
//! production mode, with a fresh database and fresh random LiveKit
//! credentials, serving the release build and sending its mail over SMTP.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};

use crate::livekit;
use crate::livekit_control::LiveKitControl;
use crate::process::{self, Guarded, Output};
use crate::smtp_sink;
use crate::wait;
use crate::workspace::Workspace;

/// Away from the dev stack's 7880 and 50000–50100.
const LIVEKIT_PORT: u16 = 7980;
const LIVEKIT_UDP_PORTS: (u16, u16) = (50200, 50300);
/// Playwright's default `BASE_URL` points here.
const SERVER_PORT: u16 = 3300;
/// The SMTP sink's port unless it is taken.
const SMTP_PORT: u16 = 2530;
const HEALTH_TIMEOUT: Duration = Duration::from_secs(60);
const LOG_TAIL: usize = 40;

/// A running stack; dropping it stops every server.
pub struct Stack {
    pub base_url: String,
    /// Where the SMTP sink stores the server's emails, one
    /// `<unix-millis>-<recipient>.eml` file per recipient, like the
    /// server's own file outbox; the tests read links from it.
    pub outbox: PathBuf,
    /// Logs, reports and the database of this run.
    pub run_dir: PathBuf,
    /// Where the browser tests ask for livekit-server to be stopped and
    /// started again ([`LiveKitControl`]).
    pub control_dir: PathBuf,
    server_log: PathBuf,
    // Field order: the API server stops before the SMTP sink and LiveKit.
    server: Guarded,
    smtp: Guarded,
    livekit: LiveKitControl,
}

impl Stack {
    /// Builds the server, starts LiveKit, the SMTP sink and the server in a fresh
    /// `target/<purpose>/run-*` folder, and waits until `/api/health` is ok.
    /// The database is a fresh SQLite file in that folder.
    pub fn start(workspace: &Workspace, purpose: &str) -> Result<Self> {
        Self::start_on(workspace, purpose, None)
    }

    /// [`Stack::start`] on the database `database_url` (an empty one), or
    /// on a fresh SQLite file when `None`.
    pub fn start_on(
        workspace: &Workspace,
        purpose: &str,
        database_url: Option<&str>,
    ) -> Result<Self> {
        Self::start_with(workspace, purpose, database_url, "production")
    }

    /// [`Stack::start`] with the server in dev mode, which loads the demo
    /// accounts and sessions at start (the README's demo logins); the
    /// rest as in production mode.
    pub fn start_with_demo_data(workspace: &Workspace, purpose: &str) -> Result<Self> {
        Self::start_with(workspace, purpose, None, "dev")
    }

    fn start_with(
        workspace: &Workspace,
        purpose: &str,
        database_url: Option<&str>,
        mode: &str,
    ) -> Result<Self> {
        let mut build = workspace.cargo()?;
        build.args(["build", "-p", "tandem-server"]);
        println!("{purpose}: {}", process::describe(&build));
        let status = process::run("cargo build", build)?;
        if !status.success() {
            bail!("`cargo build -p tandem-server` failed ({status})");
        }
        let server_binary = workspace.target_dir().join("debug").join("tandem-server");

        let run_dir = fresh_run_dir(workspace, purpose)?;
        println!("{purpose}: logs and reports in {}", run_dir.display());
        let livekit_port = wait::pick_port(LIVEKIT_PORT)?;
        let server_port = wait::pick_port(SERVER_PORT)?;
        let config = livekit::Config {
            port: livekit_port,
            udp_ports: LIVEKIT_UDP_PORTS,
            api_key: format!("API{}", random_alphanumeric(12)?),
            api_secret: random_alphanumeric(48)?,
            webhook_url: livekit::webhook_url(server_port),
            development: false,
        };

        let livekit_log = run_dir.join("livekit.log");
        let livekit_config = run_dir.join("livekit.yaml");
        let mut livekit = livekit::start(workspace, &config, &livekit_config, &livekit_log)?;
        println!("{purpose}: livekit-server ready on {}", config.url());

        let outbox = run_dir.join("outbox");
        let smtp_port = wait::pick_port(SMTP_PORT)?;
        let smtp_log = run_dir.join("smtp.log");
        let mut smtp = smtp_sink::start(workspace, smtp_port, &outbox, &smtp_log)?;
        let smtp_url = smtp_sink::url(smtp_port);
        println!(
            "{purpose}: SMTP sink ready on {smtp_url}, storing into {}",
            outbox.display()
        );

        let base_url = format!("http://{}:{server_port}", wait::LOOPBACK);
        let server_log = run_dir.join("server.log");
        let database = run_dir.join("tandem.db");
        let mut command = workspace.command(&server_binary)?;
        command
            .env("TANDEM_MODE", mode)
            .env("BIND_ADDR", format!("{}:{server_port}", wait::LOOPBACK))
            .env("PUBLIC_URL", &base_url)
            .env(
                "DATABASE_URL",
                database_url
                    .map_or_else(|| format!("sqlite://{}", database.display()), str::to_owned),
            )
            .env("STATIC_DIR", workspace.dist_dir())
            .env("SMTP_URL", &smtp_url)
            // Every browser test registers its people from 127.0.0.1.
            .env("REGISTRATION_LIMIT_PER_HOUR", "100000")
            .env("LIVEKIT_URL", config.url())
            .env("LIVEKIT_API_KEY", &config.api_key)
            .env("LIVEKIT_API_SECRET", &config.api_secret);
        let mut server = Guarded::spawn(
            "tandem-server",
            command,
            Output::LogFile(server_log.clone()),
        )?;
        let healthy = wait::wait_until(
            &format!("{base_url}{}", tandem_api::paths::HEALTH),
            HEALTH_TIMEOUT,
            &mut [&mut server, &mut smtp, &mut livekit],
            || wait::api_healthy(server_port),
        );
        if let Err(error) = healthy {
            if process::is_interrupted(&error) {
                return Err(error);
            }
            print_tail("tandem-server", &server_log);
            print_tail("smtp sink", &smtp_log);
            print_tail("livekit-server", &livekit_log);
            return Err(error.context("the API server did not become healthy"));
        }
        println!("{purpose}: tandem-server healthy on {base_url}");
        let control_dir = run_dir.join("control");
        let livekit = LiveKitControl::watch(
            livekit,
            workspace,
            &config,
            &livekit_config,
            &run_dir,
            &control_dir,
        )?;
        Ok(Self {
            base_url,
            outbox,
            run_dir,
            control_dir,
            server_log,
            server,
            smtp,
            livekit,
        })
    }

    /// Stops the servers, so their last words are in the logs.
    pub fn stop(mut self) {
        self.server.stop();
        self.smtp.stop();
        self.livekit.stop();
    }

    /// `npx playwright test --config <config>` pointed at this stack: the
    /// base URL, the email outbox, and an artifacts folder in the run folder.
    pub fn playwright(&self, workspace: &Workspace, config: &str) -> Result<Command> {
        let mut playwright = workspace.command("npx")?;
        playwright
            .args(["--no-install", "playwright", "test", "--config"])
            .arg(config)
            .env("BASE_URL", &self.base_url)
            .env("TANDEM_OUTBOX_DIR", &self.outbox)
            .env("TANDEM_CONTROL_DIR", &self.control_dir)
            .env("E2E_OUTPUT_DIR", self.run_dir.join("artifacts"));
        Ok(playwright)
    }

    pub fn print_server_log_tail(&self) {
        print_tail("tandem-server", &self.server_log);
    }
}

/// `target/<purpose>/run-<seconds>-<pid>`, after removing earlier runs.
pub fn fresh_run_dir(workspace: &Workspace, purpose: &str) -> Result<PathBuf> {
    let parent = workspace.target_dir().join(purpose);
    if let Ok(entries) = fs::read_dir(&parent) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with("run-") {
                let path = entry.path();
                fs::remove_dir_all(&path)
                    .with_context(|| format!("removing the earlier run {}", path.display()))?;
            }
        }
    }
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .unwrap_or_default();
    let dir = parent.join(format!("run-{seconds}-{}", std::process::id()));
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// A random string of ASCII letters and digits (from the OS's generator).
pub fn random_alphanumeric(length: usize) -> Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // The largest multiple of the alphabet's size that fits in a byte: bytes
    // above it are dropped so that every character is equally likely.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut out = String::with_capacity(length);
    let mut buffer = [0u8; 64];
    while out.len() < length {
        getrandom::fill(&mut buffer)
            .map_err(|error| anyhow::anyhow!("the OS random generator failed: {error}"))?;
        for &byte in buffer.iter().filter(|&&byte| byte < limit) {
            if out.len() == length {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]));
        }
    }
    Ok(out)
}

fn print_tail(name: &str, log: &Path) {
    eprintln!(
        "---- the end of {name}'s log ({}) ----\n{}\n----",
        log.display(),
        process::log_tail(log, LOG_TAIL)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_strings_have_the_asked_length_and_alphabet() {
        let secret = random_alphanumeric(48).expect("random");
        assert_eq!(secret.len(), 48);
        assert!(secret.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(secret, random_alphanumeric(48).expect("random"));
    }
}
