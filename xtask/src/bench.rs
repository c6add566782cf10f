//! `cargo xtask bench join`: measures joining a call on loopback with the real
//! LiveKit server (click on Join → connected, click on Join → first remote
//! video frame) over repeated runs and prints the median and p95. It is a
//! benchmark, not a test: it prints figures and fails only when the app does.

use anyhow::Result;

use crate::process;
use crate::release_build;
use crate::setup;
use crate::stack::Stack;
use crate::workspace::Workspace;

pub const BENCH_CONFIG: &str = "end2end/playwright.bench.config.ts";
/// The join benchmark in `end2end/bench/` (`bench web` runs the other one).
const JOIN_BENCH: &str = "call-join.bench.ts";

pub fn run(workspace: &Workspace, runs: u32, skip_setup: bool) -> Result<bool> {
    if !skip_setup {
        setup::run(workspace)?;
    }
    release_build::build(workspace, "bench")?;

    let stack = Stack::start(workspace, "bench")?;
    let mut playwright = stack.playwright(workspace, BENCH_CONFIG)?;
    playwright
        .arg(JOIN_BENCH)
        .env("BENCH_RUNS", runs.to_string());
    println!(
        "bench: {} (BASE_URL={}, BENCH_RUNS={runs})",
        process::describe(&playwright),
        stack.base_url
    );
    let status = process::run("playwright", playwright)?;
    if !status.success() {
        stack.print_server_log_tail();
    }
    stack.stop();
    Ok(status.success())
}
