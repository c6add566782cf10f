//! `cargo xtask dev`: LiveKit, the API server (dev mode, demo data) and
//! `trunk serve`, until Ctrl-C or until one of them stops.

use std::fs;
use std::time::Duration;

use anyhow::{bail, Result};

use crate::livekit;
use crate::process::{self, Guarded, Output};
use crate::setup;
use crate::wait;
use crate::workspace::Workspace;

/// The API server; Trunk.toml proxies `/api/` here.
const API_PORT: u16 = 3000;
/// `trunk serve` (Trunk.toml).
const WEB_PORT: u16 = 8080;
const DATABASE_URL: &str = "sqlite://data/tandem.db";
/// The accounts the API server seeds in dev mode (local demo data only).
const DEMO_LOGINS: [(&str, &str); 4] = [
    ("ada@example.com", "client, verified"),
    ("sam@example.com", "client, not verified"),
    ("maya.okafor@example.com", "professional, verified"),
    ("leo.brandt@example.com", "professional, verified"),
];
const DEMO_PASSWORD: &str = "tandem-demo-password";
const SERVER_TIMEOUT: Duration = Duration::from_secs(120);
/// The first `trunk serve` compiles the whole SPA.
const TRUNK_TIMEOUT: Duration = Duration::from_secs(20 * 60);

pub fn run(workspace: &Workspace, skip_setup: bool) -> Result<()> {
    if !skip_setup {
        setup::run(workspace)?;
    }
    let config = livekit::Config::dev(API_PORT);
    for (port, what) in [
        (config.port, "livekit-server"),
        (API_PORT, "the API server"),
        (WEB_PORT, "trunk serve"),
    ] {
        wait::ensure_port_free(port, what)?;
    }

    let mut build = workspace.cargo()?;
    build.args(["build", "-p", "tandem-server"]);
    println!("dev: {}", process::describe(&build));
    let status = process::run("cargo build", build)?;
    if !status.success() {
        bail!("`cargo build -p tandem-server` failed ({status})");
    }

    let dev_dir = workspace.target_dir().join("dev");
    let livekit_log = dev_dir.join("livekit.log");
    let mut livekit = livekit::start(
        workspace,
        &config,
        &dev_dir.join("livekit.yaml"),
        &livekit_log,
    )?;
    println!(
        "dev: livekit-server ready on {} (log: {})",
        config.url(),
        livekit_log.display()
    );

    let data_dir = workspace.root().join("data");
    fs::create_dir_all(&data_dir)?;
    let mut command = workspace.cargo()?;
    command
        .args(["run", "--quiet", "-p", "tandem-server"])
        .env("TANDEM_MODE", "dev")
        .env("BIND_ADDR", format!("{}:{API_PORT}", wait::LOOPBACK))
        .env(
            "PUBLIC_URL",
            format!("http://{}:{WEB_PORT}", wait::LOOPBACK),
        )
        .env("DATABASE_URL", DATABASE_URL)
        .env("LIVEKIT_URL", config.url())
        .env("LIVEKIT_API_KEY", &config.api_key)
        .env("LIVEKIT_API_SECRET", &config.api_secret);
    let mut server = Guarded::spawn("api", command, Output::Prefixed)?;
    wait::wait_until(
        "the API server's health check",
        SERVER_TIMEOUT,
        &mut [&mut livekit, &mut server],
        || wait::api_healthy(API_PORT),
    )?;
    println!(
        "dev: API server healthy on http://{}:{API_PORT}",
        wait::LOOPBACK
    );

    let mut command = workspace.command("trunk")?;
    command.arg("serve");
    let mut trunk = Guarded::spawn("trunk", command, Output::Prefixed)?;
    wait::wait_until(
        "trunk serve",
        TRUNK_TIMEOUT,
        &mut [&mut livekit, &mut server, &mut trunk],
        || wait::answers(WEB_PORT, "/", 200),
    )?;

    let url = format!("http://{}:{WEB_PORT}", wait::LOOPBACK);
    println!();
    println!("  Tandem is running: {url}");
    println!(
        "  Demo logins (README, \"Demo logins\"), all with the demo password {DEMO_PASSWORD}:"
    );
    for (email, who) in DEMO_LOGINS {
        println!("    {email:<26} {who}");
    }
    println!("  Ctrl-C stops everything.");
    println!();

    let mut services = [trunk, server, livekit];
    let outcome = watch(&mut services);
    // Stop in this order: the page server, the API, then LiveKit.
    for service in &mut services {
        service.stop();
    }
    outcome
}

/// Waits for Ctrl-C (Ok) or for a service to stop by itself (Err).
fn watch(services: &mut [Guarded]) -> Result<()> {
    loop {
        for service in services.iter_mut() {
            if let Some(status) = service.try_status()? {
                bail!("{} stopped ({status}); stopping the others", service.name());
            }
        }
        if process::sleep(Duration::from_millis(250)).is_err() {
            return Ok(());
        }
    }
}
