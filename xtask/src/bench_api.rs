//! `cargo xtask bench api`: the release API server on SQLite and then on
//! PostgreSQL, each loaded by `tandem-load` (bookings at 32 concurrent
//! clients, room-status polls at a fixed rate, slots-of-a-day reads), and
//! the figures side by side. A benchmark, not a test: it prints figures
//! and fails only when something does not run.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

use crate::postgres::{Durability, Postgres};
use crate::process::{self, Guarded, Output};
use crate::stack;
use crate::wait;
use crate::workspace::Workspace;

const SERVER_PORT: u16 = 3400;
const HEALTH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The targets on a 2-core machine, per engine: bookings per second and
/// their p99, and the room-status p99 at the fixed rate (ms).
const TARGETS: [(&str, f64, f64, f64); 2] = [
    ("SQLite", 5000.0, 20.0, 5.0),
    ("PostgreSQL", 3000.0, 30.0, 5.0),
];

pub fn run(workspace: &Workspace, seconds: u64) -> Result<bool> {
    release_build(
        workspace,
        "bench api",
        &["-p", "tandem-server", "-p", "tandem-load"],
    )?;
    let run_dir = stack::fresh_run_dir(workspace, "bench-api")?;
    let load_before = load_average();

    let sqlite_url = format!("sqlite://{}", run_dir.join("bench.db").display());
    let sqlite = measure(workspace, &run_dir, "sqlite", &sqlite_url, seconds)?;

    // Durable, as a real deployment runs it (the test server skips fsync).
    let postgres = Postgres::start_with(workspace, Durability::Durable)?;
    postgres.create_database("bench")?;
    let postgres_url = postgres.database_url("bench");
    let pg = measure(workspace, &run_dir, "postgres", &postgres_url, seconds);
    drop(postgres);
    // The next run starts by deleting this one's folder. Deleted now, its
    // tens of thousands of mail files are not freed just before the next
    // run's SQLite phase creates its own: ext4 looks through the inodes
    // freed in the last 30 s each time it allocates one, and that run
    // would measure it.
    if let Err(error) = std::fs::remove_dir_all(run_dir.join("outbox")) {
        println!("bench api: cannot remove the mail outbox of this run: {error}");
    }
    let pg = pg?;

    println!();
    println!(
        "machine: {} cores, load average before {load_before}, after {}",
        cores(),
        load_average()
    );
    print_table(&[("SQLite", &sqlite), ("PostgreSQL", &pg)]);
    Ok(true)
}

/// `cargo build --release` with `args` (the packages and binaries a
/// benchmark runs), said under `label`.
pub(crate) fn release_build(workspace: &Workspace, label: &str, args: &[&str]) -> Result<()> {
    let mut build = workspace.cargo()?;
    build.args(["build", "--release"]).args(args);
    println!("{label}: {}", process::describe(&build));
    let status = process::run("cargo build", build)?;
    if !status.success() {
        bail!("the release build failed ({status})");
    }
    Ok(())
}

/// Starts the release server on `database_url`, runs the load generator
/// against it, stops the server; the generator's report.
fn measure(
    workspace: &Workspace,
    run_dir: &Path,
    name: &str,
    database_url: &str,
    seconds: u64,
) -> Result<Value> {
    let release = workspace.target_dir().join("release");
    let port = wait::pick_port(SERVER_PORT)?;
    let base_url = format!("http://{}:{port}", wait::LOOPBACK);
    let static_dir = run_dir.join("dist");
    std::fs::create_dir_all(&static_dir)?;
    std::fs::write(
        static_dir.join("index.html"),
        "<!doctype html><title>Tandem</title>",
    )?;
    let log = run_dir.join(format!("server-{name}.log"));
    let mut command = workspace.command(release.join("tandem-server"))?;
    command
        .env("TANDEM_MODE", "production")
        .env("BIND_ADDR", format!("{}:{port}", wait::LOOPBACK))
        .env("PUBLIC_URL", &base_url)
        .env("DATABASE_URL", database_url)
        .env("STATIC_DIR", &static_dir)
        .env("OUTBOX_DIR", run_dir.join("outbox"))
        .env("RUST_LOG", "warn");
    let mut server = Guarded::spawn(
        format!("tandem-server ({name})"),
        command,
        Output::LogFile(log.clone()),
    )?;
    wait::wait_until(
        &format!("{base_url}{}", tandem_api::paths::HEALTH),
        HEALTH_TIMEOUT,
        &mut [&mut server],
        || wait::api_healthy(port),
    )
    .with_context(|| format!("the server on {name} did not start; see {}", log.display()))?;
    println!("bench api: {name}: server on {base_url}, loading it for {seconds}s a phase…");
    let mut load = Command::new(release.join("tandem-load"));
    load.args(["--url", &base_url, "--database-url", database_url])
        .args(["--seconds", &seconds.to_string()]);
    let output = load.output().context("cannot run tandem-load")?;
    server.stop();
    if !output.status.success() {
        bail!(
            "tandem-load failed on {name} ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(text.trim()).with_context(|| format!("tandem-load printed {text:?}"))
}

fn print_table(engines: &[(&str, &Value)]) {
    let figure =
        |report: &Value, phase: &str, key: &str| report[phase][key].as_f64().unwrap_or(f64::NAN);
    let row = |label: &str, cell: &dyn Fn(&Value) -> String| {
        let cells: Vec<String> = engines.iter().map(|(_, report)| cell(report)).collect();
        println!("{label:<38} {:>14} {:>14}", cells[0], cells[1]);
    };
    println!("{:<38} {:>14} {:>14}", "", engines[0].0, engines[1].0);
    let rows = [
        ("bookings/s (201s, 32 clients)", "bookings", "per_second"),
        ("booking p50 ms", "bookings", "p50_ms"),
        ("booking p99 ms", "bookings", "p99_ms"),
        ("room status answered/s", "room_status", "per_second"),
        ("room status p50 ms (fixed rate)", "room_status", "p50_ms"),
        ("room status p99 ms (fixed rate)", "room_status", "p99_ms"),
        ("slots of a day reads/s", "day_slots", "per_second"),
        ("slots of a day p99 ms", "day_slots", "p99_ms"),
    ];
    for (label, phase, key) in rows {
        row(label, &|report| {
            let value = figure(report, phase, key);
            if key == "per_second" {
                format!("{value:.0}")
            } else {
                format!("{value:.2}")
            }
        });
    }
    row("bookings 201 / sent", &|report| {
        format!(
            "{}/{}",
            report["bookings"]["expected"], report["bookings"]["requests"]
        )
    });
    for (label, key) in [
        ("mails waiting after the booking phase", "after_bookings"),
        ("mails waiting at the end", "at_end"),
    ] {
        row(label, &|report| report["mail"][key].to_string());
    }
    println!();
    for ((name, report), (_, bookings, p99, poll_p99)) in engines.iter().zip(TARGETS) {
        let met = figure(report, "bookings", "per_second") >= bookings
            && figure(report, "bookings", "p99_ms") <= p99
            && figure(report, "room_status", "p99_ms") <= poll_p99;
        println!(
            "target {name}: bookings >= {bookings:.0}/s with p99 <= {p99:.0} ms, room status p99 <= {poll_p99:.0} ms: {}",
            if met { "met" } else { "NOT met" }
        );
    }
}

pub(crate) fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".into())
}

pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
