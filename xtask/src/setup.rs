//! `cargo xtask setup`: installs the tools the build and the tests need,
//! skipping each one that is already there. One line per tool.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

use anyhow::{bail, Context, Result};

use crate::fuzz;
use crate::livekit;
use crate::process;
use crate::smtp_sink;
use crate::summary::format_duration;
use crate::workspace::Workspace;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";

pub fn run(workspace: &Workspace) -> Result<()> {
    let started = Instant::now();
    println!("setup: checking the tools");
    wasm_target(workspace)?;
    npm_packages(workspace)?;
    chromium(workspace)?;
    fonts(workspace)?;
    postgresql(workspace)?;
    livekit_server(workspace)?;
    schemathesis(workspace)?;
    aiosmtpd(workspace)?;
    wasm_bindgen_cli(workspace)?;
    trunk(workspace)?;
    println!(
        "setup: all tools present ({})",
        format_duration(started.elapsed())
    );
    Ok(())
}

fn wasm_target(workspace: &Workspace) -> Result<()> {
    let label = format!("rust target {WASM_TARGET}");
    let mut list = workspace.command("rustup")?;
    list.args(["target", "list", "--installed"]);
    let installed = stdout_of(list).with_context(|| {
        format!("{label}: `rustup target list --installed` failed; is rustup installed?")
    })?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return present(&label);
    }
    let mut add = workspace.command("rustup")?;
    add.args(["target", "add", WASM_TARGET]);
    install(&label, add)
}

fn trunk(workspace: &Workspace) -> Result<()> {
    let label = format!("trunk {TRUNK_VERSION}");
    if version_output(workspace, "trunk")
        .is_some_and(|out| out.split_whitespace().nth(1) == Some(TRUNK_VERSION))
    {
        return present(&label);
    }
    let mut cargo = workspace.cargo()?;
    cargo.args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]);
    // Trunk's own release profile links with fat LTO in one codegen unit,
    // most of its install time on two cores. A build tool gains nothing
    // from it that this project would notice: an ordinary release build.
    cargo
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
    install(&label, cargo)
}

fn wasm_bindgen_cli(workspace: &Workspace) -> Result<()> {
    let lock_path = workspace.root().join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .with_context(|| format!("reading {}", lock_path.display()))?;
    let version = locked_version(&lock, "wasm-bindgen")
        .with_context(|| format!("finding wasm-bindgen in {}", lock_path.display()))?;
    let label = format!("wasm-bindgen-cli {version}");
    if version_output(workspace, "wasm-bindgen")
        .is_some_and(|out| out.split_whitespace().nth(1) == Some(version.as_str()))
    {
        return present(&label);
    }
    // Without --locked: its lock file names a crate version the registry no
    // longer serves.
    let mut cargo = workspace.cargo()?;
    cargo.args(["install", "wasm-bindgen-cli", "--version", &version]);
    install(&label, cargo)
}

fn npm_packages(workspace: &Workspace) -> Result<()> {
    let label = "npm packages (package-lock.json)";
    let lock = workspace.root().join("package-lock.json");
    let lock_time = modified(&lock).with_context(|| format!("{label}: no {}", lock.display()))?;
    // npm writes this file last when it installs.
    let installed = workspace.node_modules().join(".package-lock.json");
    if modified(&installed).is_ok_and(|time| time >= lock_time) {
        return present(label);
    }
    // `npm ci` empties node_modules first: through a link it would wipe
    // the install of whichever tree the link points to.
    let modules = workspace.node_modules();
    if std::fs::symlink_metadata(&modules).is_ok_and(|meta| meta.file_type().is_symlink()) {
        bail!(
            "{label}: {} is a symbolic link and its install is older than package-lock.json; \
             run `npm ci` where it points, or remove the link",
            modules.display()
        );
    }
    let mut npm = workspace.command("npm")?;
    // The browser is Debian's chromium; nothing may download another one.
    npm.args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    install(label, npm).context("npm ci failed; is Node.js (with npm) installed?")
}

fn chromium(workspace: &Workspace) -> Result<()> {
    debian_package(workspace, "chromium (Debian)", "chromium", CHROMIUM)
}

/// The font the app's CSS names first: the gallery's screenshots come out
/// the same on every machine.
pub const FONT_FILE: &str = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";

fn fonts(workspace: &Workspace) -> Result<()> {
    debian_package(
        workspace,
        "fonts-liberation (Debian)",
        "fonts-liberation",
        FONT_FILE,
    )
}

/// PostgreSQL 15, for the server suites' second run and the two-process
/// test (each starts a throwaway server of its own).
fn postgresql(workspace: &Workspace) -> Result<()> {
    let initdb = crate::postgres::initdb_path();
    debian_package(
        workspace,
        "PostgreSQL 15 (Debian)",
        crate::postgres::PACKAGE,
        &initdb.to_string_lossy(),
    )
}

/// Installs a Debian `package` with apt-get (as root, or with `sudo -n`)
/// unless `file`, which it provides, is already there.
fn debian_package(workspace: &Workspace, label: &str, package: &str, file: &str) -> Result<()> {
    if Path::new(file).is_file() {
        return present(label);
    }
    // SAFETY: geteuid(2) only reads the process's user id.
    let root = unsafe { libc::geteuid() } == 0;
    let sudo = !root && succeeds(workspace.command("sudo")?.args(["-n", "true"]));
    if !root && !sudo {
        bail!(
            "{label}: {file} is missing and installing it needs root: run \
             `sudo apt-get update && sudo apt-get install -y {package}` once, then run this again"
        );
    }
    let apt = |args: &[&str]| -> Result<Command> {
        let mut command = if root {
            workspace.command("apt-get")?
        } else {
            let mut sudo = workspace.command("sudo")?;
            sudo.args(["-n", "apt-get"]);
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        Ok(command)
    };
    println!("{label}: installing…");
    let started = Instant::now();
    check(
        &format!("{label} (apt-get update)"),
        process::run("apt-get update", apt(&["update"])?)?,
    )?;
    check(
        label,
        process::run("apt-get install", apt(&["install", "-y", package])?)?,
    )?;
    if !Path::new(file).is_file() {
        bail!("{label}: apt-get installed {package} but {file} is still missing");
    }
    installed(label, started)
}

fn livekit_server(workspace: &Workspace) -> Result<()> {
    let version = livekit::VERSION;
    let label = format!("livekit-server {version}");
    let binary = livekit::binary(workspace);
    let number = version.trim_start_matches('v');
    let mut probe = workspace.command(&binary)?;
    probe.arg("--version");
    if binary.is_file() && stdout_of(probe).is_ok_and(|out| out.contains(number)) {
        return present(&label);
    }
    if !succeeds(workspace.command("go")?.arg("version")) {
        bail!(
            "{label}: `go` is not on PATH; livekit-server is built from source with Go \
             (>= 1.26 for {version}): install Go, then run this again"
        );
    }
    let dir = livekit::install_dir(workspace);
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut go = workspace.command("go")?;
    go.arg("install")
        .arg(format!("{}@{version}", livekit::GO_PACKAGE))
        .env("GOTOOLCHAIN", "local")
        .env("GOBIN", &dir);
    install(&label, go)?;
    if !binary.is_file() {
        bail!(
            "{label}: go install succeeded but {} is missing",
            binary.display()
        );
    }
    Ok(())
}

/// schemathesis (the API fuzzer) from PyPI, pinned, in its own virtual
/// environment in the tools folder.
fn schemathesis(workspace: &Workspace) -> Result<()> {
    let version = fuzz::VERSION;
    let label = format!("schemathesis {version}");
    let binary = fuzz::binary(workspace);
    let mut probe = workspace.command(&binary)?;
    probe.arg("--version");
    // "schemathesis, version 4.32.5"
    if binary.is_file()
        && stdout_of(probe).is_ok_and(|out| out.split_whitespace().last() == Some(version))
    {
        return present(&label);
    }
    if !succeeds(workspace.command("python3")?.arg("--version")) {
        bail!(
            "{label}: `python3` is not on PATH; schemathesis is a Python tool: install \
             Python 3 (with its venv module), then run this again"
        );
    }
    let venv = fuzz::venv_dir(workspace);
    // A half-made environment from an interrupted install is started over.
    if venv.exists() {
        fs::remove_dir_all(&venv).with_context(|| format!("removing {}", venv.display()))?;
    }
    let mut create = workspace.command("python3")?;
    create.args(["-m", "venv"]).arg(&venv);
    check(
        &format!("{label} (python3 -m venv)"),
        process::run("python3 -m venv", create)?,
    )?;
    let mut pip = workspace.command(venv.join("bin").join("pip"))?;
    pip.args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("schemathesis=={version}"));
    install(&label, pip)?;
    if !binary.is_file() {
        bail!(
            "{label}: pip install succeeded but {} is missing",
            binary.display()
        );
    }
    Ok(())
}

/// aiosmtpd from PyPI, pinned, for the SMTP sink the tests deliver mail to
/// (`tools/smtp_sink.py`), in schemathesis's virtual environment (made
/// just before).
fn aiosmtpd(workspace: &Workspace) -> Result<()> {
    let version = smtp_sink::AIOSMTPD_VERSION;
    let label = format!("aiosmtpd {version}");
    let python = smtp_sink::python(workspace);
    let imported = || {
        let mut probe = workspace.command(&python)?;
        probe.args(["-c", "import aiosmtpd; print(aiosmtpd.__version__)"]);
        stdout_of(probe)
    };
    if imported().is_ok_and(|out| out.trim() == version) {
        return present(&label);
    }
    let pip = fuzz::venv_dir(workspace).join("bin").join("pip");
    let mut install_it = workspace.command(pip)?;
    install_it
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("aiosmtpd=={version}"));
    install(&label, install_it)?;
    match imported() {
        Ok(out) if out.trim() == version => Ok(()),
        Ok(out) => bail!(
            "{label}: pip installed it but Python imports version {}",
            out.trim()
        ),
        Err(error) => {
            Err(error.context(format!("{label}: pip installed it but it does not import")))
        }
    }
}

/// The single version of `name` in a Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Result<String> {
    let mut versions = Vec::new();
    let mut current: Option<&str> = None;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            current = None;
        } else if let Some(value) = line.strip_prefix("name = ") {
            current = Some(value.trim_matches('"'));
        } else if let Some(value) = line.strip_prefix("version = ") {
            if current == Some(name) {
                versions.push(value.trim_matches('"').to_owned());
            }
        }
    }
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("no package {name} in the lock file"),
        several => bail!("several versions of {name} in the lock file: {several:?}"),
    }
}

fn present(label: &str) -> Result<()> {
    println!("{label}: present");
    Ok(())
}

fn install(label: &str, command: Command) -> Result<()> {
    println!("{label}: installing… ({})", process::describe(&command));
    let started = Instant::now();
    let status = process::run(label, command)?;
    check(label, status)?;
    installed(label, started)
}

fn installed(label: &str, started: Instant) -> Result<()> {
    println!(
        "{label}: installed ({})",
        format_duration(started.elapsed())
    );
    Ok(())
}

fn check(label: &str, status: std::process::ExitStatus) -> Result<()> {
    if !status.success() {
        bail!("{label}: the install failed ({status}); its output is above");
    }
    Ok(())
}

/// `PROGRAM --version`'s output, or None when it does not run.
fn version_output(workspace: &Workspace, program: &str) -> Option<String> {
    let mut command = workspace.command(program).ok()?;
    command.arg("--version");
    stdout_of(command).ok()
}

fn stdout_of(mut command: Command) -> Result<String> {
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .with_context(|| format!("running {}", process::describe(&command)))?;
    if !output.status.success() {
        bail!("{} failed ({})", process::describe(&command), output.status);
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn succeeds(command: &mut Command) -> bool {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn modified(path: &Path) -> Result<SystemTime> {
    fs::metadata(path)
        .and_then(|meta| meta.modified())
        .with_context(|| format!("reading the modification time of {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.129"
"#;

    #[test]
    fn finds_the_locked_version() {
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen").expect("locked"),
            "0.2.130"
        );
    }

    #[test]
    fn missing_package_is_an_error() {
        assert!(locked_version(LOCK, "trunk").is_err());
    }

    #[test]
    fn the_workspace_lock_pins_one_wasm_bindgen() {
        let lock = include_str!("../../Cargo.lock");
        assert!(locked_version(lock, "wasm-bindgen").is_ok());
    }
}
