//! `cargo xtask test`: every check, in order, each counted; a table at the
//! end and, as the very last line, `N passed, N failed`.

use std::process::Command;
use std::time::Instant;

use anyhow::Result;

use crate::e2e;
use crate::fuzz;
use crate::gallery;
use crate::live_tests;
use crate::postgres_tests;
use crate::process::{self, Interrupted};
use crate::release_build;
use crate::setup::{self, WASM_TARGET};
use crate::smtp_tests;
use crate::summary::{self, Stage};
use crate::web_budget;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub skip_setup: bool,
    pub skip_e2e: bool,
    pub skip_fuzz: bool,
}

/// Runs every stage; `Ok(true)` when all passed.
pub fn run(workspace: &Workspace, options: Options) -> Result<bool> {
    let mut stages = Vec::new();
    let result = run_stages(workspace, options, &mut stages);
    println!();
    println!("{}", summary::render(&stages));
    result?;
    Ok(stages.iter().all(Stage::ok))
}

fn run_stages(workspace: &Workspace, options: Options, stages: &mut Vec<Stage>) -> Result<()> {
    if !options.skip_setup {
        banner("setup", "cargo xtask setup");
        let started = Instant::now();
        match setup::run(workspace) {
            Ok(()) => stages.push(Stage::check("setup", true, started.elapsed(), "")),
            Err(error) => {
                give_up_on_interrupt(&error)?;
                eprintln!("error: {error:#}");
                stages.push(Stage::check(
                    "setup",
                    false,
                    started.elapsed(),
                    "nothing else ran",
                ));
                return Ok(());
            }
        }
    }

    let mut fmt = workspace.cargo()?;
    fmt.args(["fmt", "--all", "--check"]);
    check(stages, "fmt", fmt)?;

    let mut clippy = workspace.cargo()?;
    clippy.args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    check(stages, "clippy (native)", clippy)?;

    let mut clippy_wasm = workspace.cargo()?;
    clippy_wasm.args([
        "clippy",
        "-p",
        "tandem-web",
        "--target",
        WASM_TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    check(stages, "clippy (wasm)", clippy_wasm)?;

    cargo_test(workspace, stages)?;
    postgres_tests::run(workspace, stages)?;
    counted_stage(stages, live_tests::STAGE, live_tests::WHAT, || {
        live_tests::run(workspace)
    })?;
    counted_stage(stages, smtp_tests::STAGE, smtp_tests::WHAT, || {
        smtp_tests::run(workspace)
    })?;

    let built = release_build_stages(workspace, stages)?;

    if options.skip_e2e {
        println!("\n== {}: skipped (--skip-e2e)", e2e::STAGE);
    } else if !built {
        stages.push(Stage::check(
            e2e::STAGE,
            false,
            Default::default(),
            "skipped: the release build failed",
        ));
    } else {
        browser_tests(workspace, &[], stages)?;
        postgres_browser_tests(workspace, stages)?;
    }
    if options.skip_e2e {
        println!("\n== {}: skipped (--skip-e2e)", gallery::STAGE);
    } else {
        gallery_tests(workspace, true, &[], stages)?;
    }
    if options.skip_fuzz {
        println!("\n== {}: skipped (--skip-fuzz)", fuzz::STAGE);
    } else {
        counted_stage(
            stages,
            fuzz::STAGE,
            "servers + schemathesis run /api/openapi.json",
            || fuzz::run(workspace),
        )?;
    }
    Ok(())
}

/// `cargo xtask fuzz`: the fuzzing stage alone, with its table and closing line.
pub fn run_fuzz_only(workspace: &Workspace) -> Result<bool> {
    let mut stages = Vec::new();
    counted_stage(
        &mut stages,
        fuzz::STAGE,
        "servers + schemathesis run /api/openapi.json",
        || fuzz::run(workspace),
    )?;
    Ok(print_table(&stages))
}

/// `cargo xtask live-tests`: the live LiveKit stage alone.
pub fn run_live_tests_only(workspace: &Workspace) -> Result<bool> {
    let mut stages = Vec::new();
    counted_stage(&mut stages, live_tests::STAGE, live_tests::WHAT, || {
        live_tests::run(workspace)
    })?;
    Ok(print_table(&stages))
}

/// `cargo xtask smtp-tests`: the SMTP stage alone.
pub fn run_smtp_tests_only(workspace: &Workspace) -> Result<bool> {
    let mut stages = Vec::new();
    counted_stage(&mut stages, smtp_tests::STAGE, smtp_tests::WHAT, || {
        smtp_tests::run(workspace)
    })?;
    Ok(print_table(&stages))
}

/// `cargo xtask gallery`: the gallery's debug build (unless skipped) and its
/// screenshot and accessibility tests, with their table and closing line.
pub fn run_gallery_only(
    workspace: &Workspace,
    skip_build: bool,
    playwright_args: &[String],
) -> Result<bool> {
    let mut stages = Vec::new();
    gallery_tests(workspace, !skip_build, playwright_args, &mut stages)?;
    Ok(print_table(&stages))
}

/// The gallery's debug build (when `build`) and its Playwright stage.
fn gallery_tests(
    workspace: &Workspace,
    build: bool,
    playwright_args: &[String],
    stages: &mut Vec<Stage>,
) -> Result<()> {
    if build
        && !check(
            stages,
            gallery::BUILD_STAGE,
            gallery::build_command(workspace)?,
        )?
    {
        stages.push(Stage::check(
            gallery::STAGE,
            false,
            Default::default(),
            "skipped: the gallery build failed",
        ));
        return Ok(());
    }
    counted_stage(
        stages,
        gallery::STAGE,
        "npx playwright test (gallery)",
        || gallery::run(workspace, playwright_args),
    )
}

/// `cargo xtask e2e`: the release build (unless skipped) and the browser
/// tests, with their table and closing line.
pub fn run_e2e_only(
    workspace: &Workspace,
    skip_build: bool,
    on_postgres: bool,
    playwright_args: &[String],
) -> Result<bool> {
    let mut stages = Vec::new();
    let built = skip_build || release_build_stages(workspace, &mut stages)?;
    if built && on_postgres {
        postgres_browser_tests(workspace, &mut stages)?;
    } else if built {
        browser_tests(workspace, playwright_args, &mut stages)?;
    }
    Ok(print_table(&stages))
}

/// `trunk build --release`, the precompression of `dist/` and the booking
/// pages' byte budget, each a stage; whether the build is there to test.
fn release_build_stages(workspace: &Workspace, stages: &mut Vec<Stage>) -> Result<bool> {
    if !check(
        stages,
        "trunk build --release",
        release_build::trunk(workspace)?,
    )? {
        return Ok(false);
    }
    let precompressed = step(stages, release_build::PRECOMPRESS_STAGE, || {
        release_build::precompress(workspace)
    })?;
    if precompressed {
        step(stages, web_budget::STAGE, || {
            web_budget::check(
                &workspace.dist_dir(),
                web_budget::BOOKING_PAGES_BUDGET_BYTES,
            )
            .map(drop)
        })?;
    }
    Ok(precompressed)
}

/// A stage done in this process that counts as one check.
fn step(stages: &mut Vec<Stage>, name: &str, run: impl FnOnce() -> Result<()>) -> Result<bool> {
    banner(name, "in xtask");
    let started = Instant::now();
    let (ok, note) = match run() {
        Ok(()) => (true, String::new()),
        Err(error) => {
            give_up_on_interrupt(&error)?;
            eprintln!("error: {error:#}");
            (false, format!("{error:#}"))
        }
    };
    stages.push(Stage::check(name, ok, started.elapsed(), note));
    Ok(ok)
}

/// The Playwright stage of the release build.
fn browser_tests(
    workspace: &Workspace,
    playwright_args: &[String],
    stages: &mut Vec<Stage>,
) -> Result<()> {
    counted_stage(stages, e2e::STAGE, "servers + npx playwright test", || {
        e2e::run(workspace, playwright_args)
    })
}

/// The booking and call specs again, on PostgreSQL.
fn postgres_browser_tests(workspace: &Workspace, stages: &mut Vec<Stage>) -> Result<()> {
    counted_stage(
        stages,
        e2e::POSTGRES_STAGE,
        "servers on PostgreSQL + npx playwright test (booking, call)",
        || e2e::run_on_postgres(workspace),
    )
}

/// A stage that counts its own tests; a failure to start it counts as one
/// failed check.
fn counted_stage(
    stages: &mut Vec<Stage>,
    name: &str,
    what: &str,
    run: impl FnOnce() -> Result<Stage>,
) -> Result<()> {
    banner(name, what);
    let started = Instant::now();
    match run() {
        Ok(stage) => stages.push(stage),
        Err(error) => {
            give_up_on_interrupt(&error)?;
            eprintln!("error: {error:#}");
            stages.push(Stage::check(
                name,
                false,
                started.elapsed(),
                "could not start (see above)",
            ));
        }
    }
    Ok(())
}

/// Prints the table of stages; whether every one passed.
pub fn print_table(stages: &[Stage]) -> bool {
    println!();
    println!("{}", summary::render(stages));
    stages.iter().all(Stage::ok)
}

/// A stage that counts as one check: the command's exit status.
fn check(stages: &mut Vec<Stage>, name: &str, command: Command) -> Result<bool> {
    banner(name, &process::describe(&command));
    let started = Instant::now();
    let (ok, note) = match process::run(name, command) {
        Ok(status) if status.success() => (true, String::new()),
        Ok(status) => (false, status.to_string()),
        Err(error) => {
            give_up_on_interrupt(&error)?;
            (false, format!("{error:#}"))
        }
    };
    stages.push(Stage::check(name, ok, started.elapsed(), note));
    Ok(ok)
}

/// `cargo test --workspace --no-fail-fast`, counting every test it reports
/// (every test binary runs, so one failure does not hide the others).
fn cargo_test(workspace: &Workspace, stages: &mut Vec<Stage>) -> Result<()> {
    let name = "cargo test";
    let mut command = workspace.cargo()?;
    command.args(["test", "--workspace", "--no-fail-fast"]);
    banner(name, &process::describe(&command));
    let started = Instant::now();
    let stage = match process::run_capturing(name, command) {
        Ok((status, lines)) => Stage::tests(
            name,
            summary::cargo_test_counts(&lines),
            status.success(),
            started.elapsed(),
        ),
        Err(error) => {
            give_up_on_interrupt(&error)?;
            Stage::check(name, false, started.elapsed(), format!("{error:#}"))
        }
    };
    stages.push(stage);
    Ok(())
}

fn give_up_on_interrupt(error: &anyhow::Error) -> Result<()> {
    if process::is_interrupted(error) {
        return Err(Interrupted.into());
    }
    Ok(())
}

fn banner(name: &str, what: &str) {
    println!("\n== {name}: {what}");
}
