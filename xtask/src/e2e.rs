//! The browser stage of `cargo xtask test`: Playwright in Chromium against
//! the release build served by the [`Stack`].

use std::fs;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::postgres::Postgres;
use crate::process;
use crate::stack::Stack;
use crate::summary::{self, Counts, Stage};
use crate::workspace::Workspace;

pub const STAGE: &str = "e2e (playwright)";
pub const POSTGRES_STAGE: &str = "e2e on PostgreSQL (booking, call)";
/// The specs run again on PostgreSQL: signing up, booking, cancelling and
/// a real call between two browsers.
const POSTGRES_SPECS: [&str; 2] = ["tests/booking.spec.ts", "tests/call.spec.ts"];
const PLAYWRIGHT_CONFIG: &str = "end2end/playwright.config.ts";

/// Runs the stage. An `Err` is a failure to set the stage up (or Ctrl-C);
/// failing tests are counted in the returned [`Stage`].
pub fn run(workspace: &Workspace, playwright_args: &[String]) -> Result<Stage> {
    let started = Instant::now();
    let stack = Stack::start(workspace, "e2e")?;
    run_on(stack, workspace, playwright_args, STAGE, started)
}

/// The stage on PostgreSQL: the browser tests that book and meet, against
/// the same stack on a throwaway PostgreSQL database instead of SQLite.
pub fn run_on_postgres(workspace: &Workspace) -> Result<Stage> {
    let started = Instant::now();
    let postgres = Postgres::start(workspace)?;
    postgres.create_database("e2e")?;
    let url = postgres.database_url("e2e");
    let stack = Stack::start_on(workspace, "e2e-postgres", Some(&url))?;
    let specs = POSTGRES_SPECS.map(str::to_owned);
    let stage = run_on(stack, workspace, &specs, POSTGRES_STAGE, started);
    drop(postgres);
    stage
}

fn run_on(
    stack: Stack,
    workspace: &Workspace,
    playwright_args: &[String],
    name: &str,
    started: Instant,
) -> Result<Stage> {
    let report = stack.run_dir.join("playwright-report.json");
    let mut playwright = stack.playwright(workspace, PLAYWRIGHT_CONFIG)?;
    playwright
        .env("E2E_JSON_REPORT", &report)
        .args(playwright_args);
    println!(
        "e2e: {} (BASE_URL={})",
        process::describe(&playwright),
        stack.base_url
    );
    let status = process::run("playwright", playwright)?;
    if !status.success() {
        stack.print_server_log_tail();
    }
    stack.stop();

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
    Ok(Stage::tests(
        name,
        counts,
        status.success(),
        started.elapsed(),
    ))
}
