//! The gallery's browser tests: a debug `trunk build` (the release build
//! leaves the gallery out) into its own folder, then Playwright's
//! screenshot and accessibility tests of every gallery state in Chromium.
//! Playwright serves the folder itself (`end2end/gallery/static-server.mjs`);
//! no API server or LiveKit runs.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::process;
use crate::stack::fresh_run_dir;
use crate::summary::{self, Counts, Stage};
use crate::wait;
use crate::workspace::Workspace;

pub const BUILD_STAGE: &str = "trunk build (gallery, debug)";
pub const STAGE: &str = "gallery (playwright)";
const PLAYWRIGHT_CONFIG: &str = "end2end/playwright.gallery.config.ts";
/// Where the static server listens unless the port is taken.
const PORT: u16 = 3310;

/// The debug build the gallery's tests run against.
pub fn dist_dir(workspace: &Workspace) -> PathBuf {
    workspace.target_dir().join("gallery-dist")
}

/// `trunk build --dist target/gallery-dist` (a dev build).
pub fn build_command(workspace: &Workspace) -> Result<Command> {
    let mut trunk = workspace.command("trunk")?;
    trunk.arg("build").arg("--dist").arg(dist_dir(workspace));
    Ok(trunk)
}

/// Runs the tests. An `Err` is a failure to set them up (or Ctrl-C);
/// failing tests are counted in the returned [`Stage`].
pub fn run(workspace: &Workspace, playwright_args: &[String]) -> Result<Stage> {
    let started = Instant::now();
    let run_dir = fresh_run_dir(workspace, "gallery")?;
    let report = run_dir.join("playwright-report.json");
    let port = wait::pick_port(PORT)?;
    let mut playwright = workspace.command("npx")?;
    playwright
        .args([
            "--no-install",
            "playwright",
            "test",
            "--config",
            PLAYWRIGHT_CONFIG,
        ])
        .env("GALLERY_DIST", dist_dir(workspace))
        .env("GALLERY_PORT", port.to_string())
        .env("GALLERY_JSON_REPORT", &report)
        .env("GALLERY_OUTPUT_DIR", run_dir.join("artifacts"))
        .args(playwright_args);
    println!("gallery: {}", process::describe(&playwright));
    let status = process::run("playwright", playwright)?;

    let counts = match fs::read_to_string(&report) {
        Ok(text) => summary::playwright_counts(&text)
            .with_context(|| format!("reading {}", report.display()))?,
        Err(error) => {
            eprintln!(
                "gallery: Playwright wrote no report at {}: {error}",
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
