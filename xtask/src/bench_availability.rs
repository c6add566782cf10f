//! `cargo xtask bench availability`: how long the server takes to compute
//! one professional's bookable times for 60 days with 500 bookings, on
//! SQLite and then on PostgreSQL, in-process against a real database
//! (`availability-bench` of the `tandem-load` package). A benchmark, not
//! a test: it prints figures and fails only when something does not run.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::process::Command;

use crate::bench_api::{cores, load_average, release_build};
use crate::postgres::{Durability, Postgres};
use crate::stack;
use crate::workspace::Workspace;

/// The target: p99 of the 60-day computation, in milliseconds.
const TARGET_P99_MS: f64 = 5.0;

pub fn run(workspace: &Workspace, runs: usize) -> Result<bool> {
    release_build(
        workspace,
        "bench availability",
        &["-p", "tandem-load", "--bin", "availability-bench"],
    )?;
    let run_dir = stack::fresh_run_dir(workspace, "bench-availability")?;
    let load_before = load_average();
    let sqlite_url = format!("sqlite://{}", run_dir.join("bench.db").display());
    let sqlite = measure(workspace, &sqlite_url, runs)?;
    let postgres = Postgres::start_with(workspace, Durability::Durable)?;
    postgres.create_database("bench_availability")?;
    let pg = measure(
        workspace,
        &postgres.database_url("bench_availability"),
        runs,
    );
    drop(postgres);
    let pg = pg?;

    println!();
    println!(
        "machine: {} cores, load average before {load_before}, after {}",
        cores(),
        load_average()
    );
    println!(
        "one professional, 60 days, {} bookings, {} free times ({}-minute sessions), {runs} runs",
        sqlite["bookings"], sqlite["free_times"], sqlite["session_minutes"]
    );
    println!("{:<44} {:>12} {:>12}", "", "SQLite", "PostgreSQL");
    for (label, key) in [
        ("60 days of times (reads + engine)", "sixty_days_ms"),
        ("  the engine alone", "engine_only_ms"),
        ("next free time (directory, profile)", "next_free_ms"),
    ] {
        for quantile in ["p50", "p99"] {
            let cell = |report: &Value| {
                report[key][quantile]
                    .as_f64()
                    .map_or_else(|| "?".into(), |ms| format!("{ms:.3} ms"))
            };
            println!(
                "{:<44} {:>12} {:>12}",
                format!("{label} {quantile}"),
                cell(&sqlite),
                cell(&pg)
            );
        }
    }
    for (name, report) in [("SQLite", &sqlite), ("PostgreSQL", &pg)] {
        let p99 = report["sixty_days_ms"]["p99"].as_f64().unwrap_or(f64::NAN);
        let verdict = if p99 <= TARGET_P99_MS {
            "met"
        } else {
            "NOT met"
        };
        println!("target on {name}: 60-day p99 <= {TARGET_P99_MS} ms: {verdict} ({p99:.3} ms)");
    }
    Ok(true)
}

fn measure(workspace: &Workspace, database_url: &str, runs: usize) -> Result<Value> {
    let binary = workspace
        .target_dir()
        .join("release")
        .join("availability-bench");
    let output = Command::new(&binary)
        .args(["--database-url", database_url, "--runs", &runs.to_string()])
        .output()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    if !output.status.success() {
        bail!(
            "availability-bench failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(text.trim())
        .with_context(|| format!("availability-bench printed {text:?}"))
}
