//! The browser stage of `cargo xtask test`: Playwright in Chromium against
//! the release build served by the [`Stack`].

use std::fs;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::process;
use crate::stack::Stack;
use crate::summary::{self, Counts, Stage};
use crate::workspace::Workspace;

pub const STAGE: &str = "e2e (playwright)";
const PLAYWRIGHT_CONFIG: &str = "end2end/playwright.config.ts";

/// Runs the stage. An `Err` is a failure to set the stage up (or Ctrl-C);
/// failing tests are counted in the returned [`Stage`].
pub fn run(workspace: &Workspace, playwright_args: &[String]) -> Result<Stage> {
    let started = Instant::now();
    let stack = Stack::start(workspace, "e2e")?;

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
        STAGE,
        counts,
        status.success(),
        started.elapsed(),
    ))
}
