//! The "cargo test (PostgreSQL)" stage: the server suites that touch the
//! database, run again on a throwaway PostgreSQL server, then the
//! two-process test on it.

use anyhow::Result;
use std::time::Instant;

use crate::postgres::Postgres;
use crate::process;
use crate::summary::{self, Stage};
use crate::workspace::Workspace;

pub const STAGE: &str = "cargo test (PostgreSQL)";

/// The variable the server's test harness reads (`server/tests/common`).
const URL_VAR: &str = "TANDEM_TEST_POSTGRES_URL";

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

pub fn run(workspace: &Workspace, stages: &mut Vec<Stage>) -> Result<()> {
    println!("\n== {STAGE}");
    let started = Instant::now();
    let server = match Postgres::start(workspace) {
        Ok(server) => server,
        Err(error) => {
            process::bail_if_interrupted()?;
            eprintln!("error: {error:#}");
            stages.push(Stage::check(STAGE, false, started.elapsed(), "PostgreSQL did not start"));
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

    let mut two_servers = workspace.cargo()?;
    two_servers.args(["test", "-p", "tandem-server", "--test", "two_servers", "--", "--ignored"]);
    two_servers.env(URL_VAR, server.admin_url());
    let second = process::run_capturing(STAGE, two_servers);
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
