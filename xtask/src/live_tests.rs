//! The stage `cargo test (live LiveKit)`: the server's `#[ignore]`d tests
//! that need a real livekit-server (`server/tests/health.rs`,
//! `server/tests/calls/live.rs`), run against one on loopback with LiveKit's
//! dev keys, which those tests sign with. The server is always stopped.

use std::time::Instant;

use anyhow::Result;

use crate::livekit;
use crate::process;
use crate::stack;
use crate::summary::{self, Stage};
use crate::wait;
use crate::workspace::Workspace;

pub const STAGE: &str = "cargo test (live LiveKit)";
pub const WHAT: &str = "livekit-server + cargo test --ignored (health, calls)";

/// Away from the dev stack (7880, UDP 50000–50100) and the browser tests'
/// stack (7980, UDP 50200–50300). The tests publish no media, so a few UDP
/// ports are plenty.
const LIVEKIT_PORT: u16 = 7990;
const LIVEKIT_UDP_PORTS: (u16, u16) = (50400, 50420);
/// Where the webhook test listens, and LiveKit delivers.
const WEBHOOK_PORT: u16 = 3390;

/// A livekit-server for the live tests, stopped when dropped, and the
/// variables that tell the tests where it is.
pub struct LiveKitForTests {
    _server: process::Guarded,
    pub env: Vec<(&'static str, String)>,
}

/// Starts livekit-server with the dev keys on loopback, its log and
/// config in `run_dir`.
pub fn start_livekit(workspace: &Workspace, run_dir: &std::path::Path) -> Result<LiveKitForTests> {
    let webhook_port = wait::pick_port(WEBHOOK_PORT)?;
    let config = livekit::Config {
        port: wait::pick_port(LIVEKIT_PORT)?,
        udp_ports: LIVEKIT_UDP_PORTS,
        api_key: livekit::DEV_API_KEY.to_owned(),
        api_secret: livekit::DEV_API_SECRET.to_owned(),
        webhook_url: livekit::webhook_url(webhook_port),
        // The tests use the short dev secret.
        development: true,
    };
    let log = run_dir.join("livekit.log");
    let server = livekit::start(workspace, &config, &run_dir.join("livekit.yaml"), &log)?;
    println!(
        "livekit-server for the tests ready on {} (log: {})",
        config.url(),
        log.display()
    );
    Ok(LiveKitForTests {
        _server: server,
        env: vec![
            ("TANDEM_TEST_LIVEKIT_URL", config.url()),
            (
                "TANDEM_TEST_LIVEKIT_WEBHOOK_ADDR",
                format!("{}:{webhook_port}", wait::LOOPBACK),
            ),
        ],
    })
}

/// Starts livekit-server, runs the ignored tests against it, stops it.
pub fn run(workspace: &Workspace) -> Result<Stage> {
    let started = Instant::now();
    let run_dir = stack::fresh_run_dir(workspace, "live-tests")?;
    // Dropped at the end of this function, whatever happens: that stops it.
    let livekit = start_livekit(workspace, &run_dir)?;
    let mut command = workspace.cargo()?;
    command
        .args([
            "test",
            "--no-fail-fast",
            "-p",
            "tandem-server",
            "--test",
            "health",
            "--test",
            "calls",
            "--",
            "--ignored",
        ])
        .envs(livekit.env.iter().map(|(name, value)| (*name, value)));
    println!("{STAGE}: {}", process::describe(&command));
    let (status, lines) = process::run_capturing(STAGE, command)?;
    let counts = summary::cargo_test_counts(&lines);
    let mut stage = Stage::tests(STAGE, counts, status.success(), started.elapsed());
    if counts.passed + counts.failed == 0 {
        stage.failed += 1;
        stage.note = "no live test ran".to_owned();
    }
    Ok(stage)
}
