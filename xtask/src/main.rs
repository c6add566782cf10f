//! Tandem's task runner.
//!
//! - `cargo xtask setup`: install the missing tools (each skipped when present).
//! - `cargo xtask dev`: LiveKit + the API server + `trunk serve`, on
//!   <http://127.0.0.1:8080>, until Ctrl-C.
//! - `cargo xtask test`: formatting, lints, unit tests, the release build and
//!   the browser tests; the last line says `N passed, N failed`.
//! - `cargo xtask e2e [-- ARGS]`: the release build and the browser tests
//!   alone (ARGS go to Playwright, e.g. a file or `--grep`).
//! - `cargo xtask fuzz`: schemathesis against the API server alone.
//! - `cargo xtask live-tests`: the server's tests that need a real
//!   livekit-server, against one on loopback.
//! - `cargo xtask smtp-tests`: the server's tests that send mail to a real
//!   SMTP server (the SMTP sink on loopback).
//! - `cargo xtask gallery [-- ARGS]`: the gallery's debug build and its
//!   screenshot and accessibility tests alone (`-- --update-snapshots`
//!   writes the pictures again).
//! - `cargo xtask postgres`: the server suites on a throwaway PostgreSQL and
//!   the two-process test alone.
//! - `cargo xtask bench join`: times joining a call with the real LiveKit
//!   server and prints the median and p95.
//! - `cargo xtask bench availability`: computing one professional's
//!   bookable times for 60 days with 500 bookings, on both engines.
//! - `cargo xtask bench api`: the release API server's throughput and
//!   latencies on SQLite and on PostgreSQL, side by side.
//! - `cargo xtask bench web`: each page's first load (bytes with Brotli,
//!   Lighthouse mobile scores) against the targets of issue #13.

mod bench;
mod bench_api;
mod bench_availability;
mod bench_web;
mod bench_web_demo;
mod dev;
mod e2e;
mod fuzz;
mod gallery;
mod live_tests;
mod livekit;
mod livekit_control;
mod postgres;
mod postgres_tests;
mod precompress;
mod process;
mod release_build;
mod setup;
mod smtp_sink;
mod smtp_tests;
mod stack;
mod summary;
mod test;
mod wait;
mod web_budget;
mod workspace;

use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::workspace::Workspace;

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "Tandem's task runner")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Install what the build and the tests need, skipping what is present.
    Setup,
    /// Run LiveKit, the API server (dev mode, demo data) and `trunk serve`.
    Dev {
        /// Do not check the tools first (quicker when they are known present).
        #[arg(long)]
        skip_setup: bool,
    },
    /// Run every check; exits non-zero when anything failed.
    Test {
        /// Do not check the tools first (quicker when they are known present).
        #[arg(long)]
        skip_setup: bool,
        /// Leave out the browser tests.
        #[arg(long)]
        skip_e2e: bool,
        /// Leave out the API fuzzing (schemathesis).
        #[arg(long)]
        skip_fuzz: bool,
    },
    /// Only the release build and the browser tests (no setup, lints or
    /// Rust tests); anything after `--` goes to Playwright.
    E2e {
        /// Use the release build already in `dist/`.
        #[arg(long)]
        skip_build: bool,
        /// Only the booking and call specs, on a throwaway PostgreSQL.
        #[arg(long)]
        on_postgres: bool,
        /// Passed to `playwright test` (a spec file, `--grep TEXT`, …).
        #[arg(last = true)]
        playwright_args: Vec<String>,
    },
    /// Only the API fuzzing stage: schemathesis against the API server.
    Fuzz,
    /// Only the server suites on a throwaway PostgreSQL, and the
    /// two-process test.
    Postgres,
    /// Only the server's tests that need a real livekit-server (`#[ignore]`d
    /// in plain `cargo test`), against one on loopback.
    LiveTests,
    /// Only the server's tests that send mail over SMTP (`#[ignore]`d in
    /// plain `cargo test`), each to an SMTP sink of its own.
    SmtpTests,
    /// Only the gallery's debug build and its screenshot and accessibility
    /// tests; anything after `--` goes to Playwright (`--update-snapshots`).
    Gallery {
        /// Use the gallery build already in `target/gallery-dist`.
        #[arg(long)]
        skip_build: bool,
        /// Passed to `playwright test`.
        #[arg(last = true)]
        playwright_args: Vec<String>,
    },
    /// Benchmarks: they print figures, and fail only when something does
    /// not run.
    Bench {
        #[command(subcommand)]
        bench: Bench,
    },
}

#[derive(Debug, Subcommand)]
enum Bench {
    /// Time joining a call (click → connected, click → first remote frame).
    Join {
        /// How many joins to measure.
        #[arg(long, default_value_t = 10)]
        runs: u32,
        /// Do not check the tools first (quicker when they are known present).
        #[arg(long)]
        skip_setup: bool,
    },
    /// The release API server on SQLite and on PostgreSQL, side by side:
    /// bookings at 32 concurrent clients, room-status polls at 1,000/s,
    /// slots-of-a-day reads.
    Api {
        /// How long each phase runs, in seconds.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
    /// Computing one professional's bookable times for 60 days with 500
    /// bookings, on SQLite and on PostgreSQL (in-process, server-side).
    Availability {
        /// Timed computations per engine.
        #[arg(long, default_value_t = 1_000)]
        runs: usize,
    },
    /// Each page's first load from the release build served by the API
    /// server with the demo data: bytes transferred (Brotli) and Lighthouse
    /// mobile performance, LCP, CLS, TBT and accessibility.
    Web {
        /// Use the release build already in `dist/`.
        #[arg(long)]
        skip_build: bool,
        /// Lighthouse runs per page (the median performance run is shown).
        #[arg(long, default_value_t = 1)]
        runs: u32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.task) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) if process::is_interrupted(&error) => {
            eprintln!("xtask: stopped");
            ExitCode::from(130)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task) -> Result<bool> {
    process::install_interrupt_handler()?;
    let workspace = Workspace::locate()?;
    match task {
        Task::Setup => setup::run(&workspace).map(|()| true),
        Task::Dev { skip_setup } => dev::run(&workspace, skip_setup).map(|()| true),
        Task::Test {
            skip_setup,
            skip_e2e,
            skip_fuzz,
        } => test::run(
            &workspace,
            test::Options {
                skip_setup,
                skip_e2e,
                skip_fuzz,
            },
        ),
        Task::E2e {
            skip_build,
            on_postgres,
            playwright_args,
        } => test::run_e2e_only(&workspace, skip_build, on_postgres, &playwright_args),
        Task::Fuzz => test::run_fuzz_only(&workspace),
        Task::Postgres => postgres_tests::run_alone(&workspace),
        Task::LiveTests => test::run_live_tests_only(&workspace),
        Task::SmtpTests => test::run_smtp_tests_only(&workspace),
        Task::Gallery {
            skip_build,
            playwright_args,
        } => test::run_gallery_only(&workspace, skip_build, &playwright_args),
        Task::Bench {
            bench: Bench::Join { runs, skip_setup },
        } => bench::run(&workspace, runs, skip_setup),
        Task::Bench {
            bench: Bench::Api { seconds },
        } => bench_api::run(&workspace, seconds),
        Task::Bench {
            bench: Bench::Availability { runs },
        } => bench_availability::run(&workspace, runs),
        Task::Bench {
            bench: Bench::Web { skip_build, runs },
        } => bench_web::run(&workspace, &bench_web::Options { skip_build, runs }),
    }
}
