//! The "cargo test (PostgreSQL)" stage: the server suites that touch the
//! database, run again on a throwaway PostgreSQL server, then the
//! two-process test on it (with a real livekit-server for its calls).

use anyhow::Result;
use std::time::Instant;

use crate::livekit;
use crate::postgres::Postgres;
use crate::process;
use crate::stack;
use crate::summary::{self, Stage};
use crate::wait;
use crate::workspace::Workspace;

pub const STAGE: &str = "cargo test (PostgreSQL)";

/// The variable the server's test harness reads (`server/tests/common`).
const URL_VAR: &str = "TANDEM_TEST_POSTGRES_URL";

/// Where LiveKit's own webhooks go in the two-process test: nowhere (the
/// discard port, which nothing on loopback listens on).
const DISCARD_PORT: u16 = 9;

/// The server's test binaries that use the database. The others (the
/// configuration, the SQLite file itself, static files, headers…) would
/// only run the same code twice.
const SUITES: &[&str] = &[
    "accounts",
    "bookings",
    "calls",
    "demo_data",
    "errors",
    "health",
    "limits",
];

/// `cargo xtask postgres`: this stage alone, with its table and closing line.
pub fn run_alone(workspace: &Workspace) -> Result<bool> {
    let mut stages = Vec::new();
    run(workspace, &mut stages)?;
    Ok(crate::test::print_table(&stages))
}

pub fn run(workspace: &Workspace, stages: &mut Vec<Stage>) -> Result<()> {
    println!("\n== {STAGE}");
    let started = Instant::now();
    let server = match Postgres::start(workspace) {
        Ok(server) => server,
        Err(error) => {
            process::bail_if_interrupted()?;
            eprintln!("error: {error:#}");
            stages.push(Stage::check(
                STAGE,
                false,
                started.elapsed(),
                "PostgreSQL did not start",
            ));
            return Ok(());
        }
    };
    let mut suites = workspace.cargo()?;
    suites.args(["test", "-p", "tandem-server", "--no-fail-fast"]);
    for suite in SUITES {
        suites.args(["--test", suite]);
    }
    suites.env(URL_VAR, server.admin_url());
    let first = process::run_capturing(STAGE, suites);

    let second = two_servers(workspace, &server);
    drop(server);

    let mut counts = summary::Counts::default();
    let mut ok = true;
    for result in [first, second] {
        match result {
            Ok((status, lines)) => {
                let more = summary::cargo_test_counts(&lines);
                counts.passed += more.passed;
                counts.failed += more.failed;
                ok &= status.success();
            }
            Err(error) => {
                process::bail_if_interrupted()?;
                eprintln!("error: {error:#}");
                ok = false;
            }
        }
    }
    stages.push(Stage::tests(STAGE, counts, ok, started.elapsed()));
    Ok(())
}

/// `server/tests/two_servers.rs`, with livekit-server (its dev keys, which
/// the test's servers use in dev mode) on loopback meanwhile.
fn two_servers(
    workspace: &Workspace,
    server: &Postgres,
) -> Result<(std::process::ExitStatus, Vec<String>)> {
    let run_dir = stack::fresh_run_dir(workspace, "postgres-tests")?;
    let mut config = livekit::Config::dev(0);
    config.port = wait::pick_port(config.port)?;
    // The test sends its own webhooks; LiveKit's go nowhere.
    config.webhook_url = livekit::webhook_url(DISCARD_PORT);
    let _livekit = livekit::start(
        workspace,
        &config,
        &run_dir.join("livekit.yaml"),
        &run_dir.join("livekit.log"),
    )?;
    let mut test = workspace.cargo()?;
    test.args([
        "test",
        "-p",
        "tandem-server",
        "--test",
        "two_servers",
        "--",
        "--ignored",
    ]);
    test.env(URL_VAR, server.admin_url());
    test.env("TANDEM_TEST_LIVEKIT_URL", config.url());
    process::run_capturing(STAGE, test)
}
