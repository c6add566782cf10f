//! The browser stage of `cargo xtask test`: LiveKit and the API server in
//! production mode, with fresh credentials and a fresh database, serving the
//! release build to Playwright.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};

use crate::livekit;
use crate::process::{self, Guarded, Output};
use crate::summary::{self, Counts, Stage};
use crate::wait;
use crate::workspace::Workspace;

pub const STAGE: &str = "e2e (playwright)";
const PLAYWRIGHT_CONFIG: &str = "end2end/playwright.config.ts";
/// Away from the dev stack's 7880 and 50000–50100.
const LIVEKIT_PORT: u16 = 7980;
const LIVEKIT_UDP_PORTS: (u16, u16) = (50200, 50300);
/// Playwright's default `BASE_URL` points here.
const SERVER_PORT: u16 = 3300;
const HEALTH_TIMEOUT: Duration = Duration::from_secs(60);
const LOG_TAIL: usize = 40;

/// Runs the stage. An `Err` is a failure to set the stage up (or Ctrl-C);
/// failing tests are counted in the returned [`Stage`].
pub fn run(workspace: &Workspace) -> Result<Stage> {
    let started = Instant::now();

    let mut build = workspace.cargo()?;
    build.args(["build", "-p", "tandem-server"]);
    println!("e2e: {}", process::describe(&build));
    let status = process::run("cargo build", build)?;
    if !status.success() {
        bail!("`cargo build -p tandem-server` failed ({status})");
    }
    let server_binary = workspace.target_dir().join("debug").join("tandem-server");

    let run_dir = fresh_run_dir(workspace)?;
    println!("e2e: logs and reports in {}", run_dir.display());
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
    let mut livekit = livekit::start(
        workspace,
        &config,
        &run_dir.join("livekit.yaml"),
        &livekit_log,
    )?;
    println!("e2e: livekit-server ready on {}", config.url());

    let base_url = format!("http://{}:{server_port}", wait::LOOPBACK);
    let server_log = run_dir.join("server.log");
    let database = run_dir.join("tandem.db");
    // The server writes its emails here; the tests read the links in them.
    let outbox = run_dir.join("outbox");
    let mut command = workspace.command(&server_binary)?;
    command
        .env("TANDEM_MODE", "production")
        .env("BIND_ADDR", format!("{}:{server_port}", wait::LOOPBACK))
        .env("PUBLIC_URL", &base_url)
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("STATIC_DIR", workspace.dist_dir())
        .env("OUTBOX_DIR", &outbox)
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
        &mut [&mut server, &mut livekit],
        || wait::api_healthy(server_port),
    );
    if let Err(error) = healthy {
        if process::is_interrupted(&error) {
            return Err(error);
        }
        print_tail("tandem-server", &server_log);
        print_tail("livekit-server", &livekit_log);
        return Err(error.context("the API server did not become healthy"));
    }
    println!("e2e: tandem-server healthy on {base_url}");

    let report = run_dir.join("playwright-report.json");
    let mut playwright = workspace.command("npx")?;
    playwright
        .args(["--no-install", "playwright", "test", "--config"])
        .arg(PLAYWRIGHT_CONFIG)
        .env("BASE_URL", &base_url)
        .env("TANDEM_OUTBOX_DIR", &outbox)
        .env("E2E_JSON_REPORT", &report)
        .env("E2E_OUTPUT_DIR", run_dir.join("artifacts"));
    println!(
        "e2e: {} (BASE_URL={base_url})",
        process::describe(&playwright)
    );
    let status = process::run("playwright", playwright)?;

    // Stop the servers before counting, so their last words are in the logs.
    drop(server);
    drop(livekit);

    let counts = match fs::read_to_string(&report) {
        Ok(text) => summary::playwright_counts(&text)
            .with_context(|| format!("reading {}", report.display()))?,
        Err(error) => {
            eprintln!(
                "e2e: Playwright wrote no report at {}: {error}",
                report.display()
            );
            Counts::default()
        }
    };
    if !status.success() {
        print_tail("tandem-server", &server_log);
    }
    Ok(Stage::tests(
        STAGE,
        counts,
        status.success(),
        started.elapsed(),
    ))
}

/// `target/e2e/run-<seconds>`, after removing earlier runs.
fn fresh_run_dir(workspace: &Workspace) -> Result<PathBuf> {
    let e2e_dir = workspace.target_dir().join("e2e");
    if let Ok(entries) = fs::read_dir(&e2e_dir) {
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
    let dir = e2e_dir.join(format!("run-{seconds}-{}", std::process::id()));
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
