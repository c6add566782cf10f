//! The release build of the app, as the test command, the browser tests
//! and the benchmarks make it: `trunk build --release`, then the `.br` and
//! `.gz` variants of its files ([`precompress`]).

use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Result};

use crate::precompress;
use crate::process;
use crate::workspace::Workspace;

/// The name of the precompression step in the test command's table.
pub const PRECOMPRESS_STAGE: &str = "precompress dist/ (br, gz)";

/// `trunk build --release`, to run as a stage of its own.
pub fn trunk(workspace: &Workspace) -> Result<Command> {
    let mut trunk = workspace.command("trunk")?;
    trunk.args(["build", "--release"]);
    Ok(trunk)
}

/// Writes the compressed variants of `dist/`, saying what it did.
pub fn precompress(workspace: &Workspace) -> Result<()> {
    let started = Instant::now();
    let dist = workspace.dist_dir();
    let summary = precompress::run(&dist)?;
    println!(
        "precompress: {} files compressed (Brotli q11 and gzip -9), {} up to date, {} stale variants removed, in {:.1} s ({})",
        summary.written,
        summary.kept,
        summary.removed,
        started.elapsed().as_secs_f64(),
        dist.display()
    );
    Ok(())
}

/// The whole release build, for the benchmarks: Trunk, then precompression.
pub fn build(workspace: &Workspace, label: &str) -> Result<()> {
    let trunk = trunk(workspace)?;
    println!("{label}: {}", process::describe(&trunk));
    let status = process::run("trunk build", trunk)?;
    if !status.success() {
        bail!("`trunk build --release` failed ({status})");
    }
    precompress(workspace)
}
