//! The "cargo test (PostgreSQL)" stage: the server suites that touch the
//! database, run again on a throwaway PostgreSQL server, with their
//! ignored tests: the real-LiveKit ones (a livekit-server runs meanwhile),
//! the two-process test and the SMTP suites (`smtp_tests::SUITES`).

use anyhow::Result;
use std::time::Instant;

use crate::live_tests;
use crate::postgres::Postgres;
use crate::process;
use crate::smtp_tests;
use crate::stack;
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
    "two_servers",
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
    let result = suites(workspace, &server);
    drop(server);
    let stage = match result {
        Ok((status, lines)) => Stage::tests(
            STAGE,
            summary::cargo_test_counts(&lines),
            status.success(),
            started.elapsed(),
        ),
        Err(error) => {
            process::bail_if_interrupted()?;
            eprintln!("error: {error:#}");
            Stage::check(STAGE, false, started.elapsed(), format!("{error:#}"))
        }
    };
    stages.push(stage);
    Ok(())
}

/// One `cargo test` of [`SUITES`] and the SMTP suites, ignored tests
/// included: those are the ones that need a real LiveKit (started here,
/// stopped on return), PostgreSQL or the SMTP sink (started by the tests).
fn suites(
    workspace: &Workspace,
    server: &Postgres,
) -> Result<(std::process::ExitStatus, Vec<String>)> {
    let smtp_python = smtp_tests::python_env(workspace)?;
    let run_dir = stack::fresh_run_dir(workspace, "postgres-tests")?;
    let livekit = live_tests::start_livekit(workspace, &run_dir)?;
    let mut test = workspace.cargo()?;
    test.args(["test", "-p", "tandem-server", "--no-fail-fast"]);
    for suite in SUITES {
        test.args(["--test", suite]);
    }
    smtp_tests::add_suites(&mut test);
    test.args(["--", "--include-ignored"]);
    test.env(URL_VAR, server.admin_url());
    test.envs(livekit.env.iter().map(|(name, value)| (*name, value)));
    test.env(smtp_python.0, smtp_python.1);
    println!("{STAGE}: {}", process::describe(&test));
    process::run_capturing(STAGE, test)
}
