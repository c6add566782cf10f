//! Child processes that never outlive the task runner.
//!
//! Every child runs in a process group of its own, so stopping it also stops
//! whatever it started (cargo's compilers, trunk's builds). Its [`Guarded`]
//! handle stops the group on drop: SIGTERM, then SIGKILL after a grace
//! period. Ctrl-C (and SIGTERM, SIGHUP) only set a flag; every waiting loop
//! checks it and returns [`Interrupted`], and the guards do the rest while
//! the stack unwinds.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

const POLL: Duration = Duration::from_millis(100);
const GRACE: Duration = Duration::from_secs(5);

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The user pressed Ctrl-C (or the task runner got SIGTERM).
#[derive(Debug)]
pub struct Interrupted;

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// Whether `error` is (or wraps) [`Interrupted`].
pub fn is_interrupted(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| cause.is::<Interrupted>())
}

pub fn install_interrupt_handler() -> Result<()> {
    ctrlc::set_handler(|| {
        if !INTERRUPTED.swap(true, Ordering::SeqCst) {
            eprintln!("\nxtask: interrupted, stopping everything it started");
        }
    })
    .context("installing the Ctrl-C handler")
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

pub fn bail_if_interrupted() -> Result<()> {
    if interrupted() {
        return Err(Interrupted.into());
    }
    Ok(())
}

/// Sleeps, but wakes up early (with [`Interrupted`]) on Ctrl-C.
pub fn sleep(duration: Duration) -> Result<()> {
    let deadline = Instant::now() + duration;
    loop {
        bail_if_interrupted()?;
        let now = Instant::now();
        if now >= deadline {
            return Ok(());
        }
        thread::sleep(POLL.min(deadline - now));
    }
}

/// Where a child's standard output and error go.
pub enum Output {
    /// The task runner's own terminal.
    Inherit,
    /// The terminal, each line prefixed with `[name]`.
    Prefixed,
    /// A log file (created or truncated).
    LogFile(PathBuf),
}

/// A running child process, stopped when dropped.
pub struct Guarded {
    name: String,
    child: Child,
    status: Option<ExitStatus>,
}

impl Guarded {
    pub fn spawn(name: impl Into<String>, mut command: Command, output: Output) -> Result<Self> {
        let name = name.into();
        command.stdin(Stdio::null()).process_group(0);
        stop_with_parent(&mut command);
        let prefixed = matches!(output, Output::Prefixed);
        match output {
            Output::Inherit => {}
            Output::Prefixed => {
                command.stdout(Stdio::piped()).stderr(Stdio::piped());
            }
            Output::LogFile(path) => {
                let log = File::create(&path)
                    .with_context(|| format!("creating the log file {}", path.display()))?;
                let log_err = log
                    .try_clone()
                    .with_context(|| format!("opening the log file {}", path.display()))?;
                command.stdout(log).stderr(log_err);
            }
        }
        let mut child = command
            .spawn()
            .with_context(|| format!("starting {name}: {}", describe(&command)))?;
        if prefixed {
            if let Some(stdout) = child.stdout.take() {
                pump_lines(stdout, name.clone(), io::stdout);
            }
            if let Some(stderr) = child.stderr.take() {
                pump_lines(stderr, name.clone(), io::stderr);
            }
        }
        Ok(Self {
            name,
            child,
            status: None,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The exit status if the child has ended.
    pub fn try_status(&mut self) -> Result<Option<ExitStatus>> {
        if self.status.is_none() {
            self.status = self
                .child
                .try_wait()
                .with_context(|| format!("checking on {}", self.name))?;
        }
        Ok(self.status)
    }

    /// Waits for the child to end; on Ctrl-C returns [`Interrupted`] (the
    /// child is then stopped when the guard is dropped).
    pub fn wait(&mut self) -> Result<ExitStatus> {
        loop {
            if let Some(status) = self.try_status()? {
                return Ok(status);
            }
            sleep(POLL)?;
        }
    }

    /// Takes the child's piped standard output (see [`run_capturing`]).
    fn take_stdout(&mut self) -> Option<std::process::ChildStdout> {
        self.child.stdout.take()
    }

    /// SIGKILL to the child's process group at once, as if it crashed.
    pub fn kill(&mut self) {
        let Ok(pgid) = libc::pid_t::try_from(self.child.id()) else {
            return;
        };
        if matches!(self.try_status(), Ok(None)) {
            signal_group(pgid, libc::SIGKILL);
            if let Ok(status) = self.child.wait() {
                self.status = Some(status);
            }
        }
    }

    /// SIGTERM to the child's process group, SIGKILL after a grace period.
    pub fn stop(&mut self) {
        let pgid = match libc::pid_t::try_from(self.child.id()) {
            Ok(pid) => pid,
            Err(_) => return,
        };
        if matches!(self.try_status(), Ok(None)) {
            signal_group(pgid, libc::SIGTERM);
            let deadline = Instant::now() + GRACE;
            while Instant::now() < deadline && matches!(self.try_status(), Ok(None)) {
                thread::sleep(POLL);
            }
            if matches!(self.try_status(), Ok(None)) {
                eprintln!("xtask: {} did not stop in {GRACE:?}, killing it", self.name);
                signal_group(pgid, libc::SIGKILL);
                if let Ok(status) = self.child.wait() {
                    self.status = Some(status);
                }
            }
        }
        // The leader is gone; anything it left behind in its group goes too.
        // (A process group id is not reused while the group has members.)
        if group_exists(pgid) {
            signal_group(pgid, libc::SIGKILL);
        }
    }
}

impl Drop for Guarded {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs a command to completion with the terminal as its output.
pub fn run(name: &str, command: Command) -> Result<ExitStatus> {
    Guarded::spawn(name, command, Output::Inherit)?.wait()
}

/// Runs a command to completion, echoing its standard output to the terminal
/// while keeping its lines (standard error goes straight to the terminal).
pub fn run_capturing(name: &str, mut command: Command) -> Result<(ExitStatus, Vec<String>)> {
    command.stdout(Stdio::piped());
    let mut child = Guarded::spawn(name, command, Output::Inherit)?;
    let stdout = child
        .take_stdout()
        .with_context(|| format!("{name} has no standard output pipe"))?;
    let reader: JoinHandle<Vec<String>> = thread::spawn(move || {
        let mut lines = Vec::new();
        for_each_line(stdout, |line| {
            println!("{line}");
            lines.push(line);
        });
        lines
    });
    let status = child.wait()?;
    // The pipe closes once the child (and anything holding its stdout) ends.
    drop(child);
    let lines = reader.join().unwrap_or_default();
    Ok((status, lines))
}

/// The program's name and its arguments, for messages.
pub fn describe(command: &Command) -> String {
    let program = command.get_program();
    let name = std::path::Path::new(program).file_name().unwrap_or(program);
    std::iter::once(name)
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The last `count` lines of a log file, for error messages.
pub fn log_tail(path: &std::path::Path, count: usize) -> String {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.lines().collect();
            let start = lines.len().saturating_sub(count);
            lines[start..].join("\n")
        }
        Err(error) => format!("(cannot read {}: {error})", path.display()),
    }
}

fn pump_lines<R, W>(source: R, name: String, sink: fn() -> W)
where
    R: Read + Send + 'static,
    W: Write + 'static,
{
    thread::spawn(move || {
        for_each_line(source, |line| {
            let _ = writeln!(sink(), "[{name}] {line}");
        });
    });
}

fn for_each_line(source: impl Read, mut each: impl FnMut(String)) {
    let mut reader = BufReader::new(source);
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let line = String::from_utf8_lossy(&buffer);
                each(line.trim_end_matches(['\n', '\r']).to_owned());
            }
        }
    }
}

fn signal_group(pgid: libc::pid_t, signal: libc::c_int) {
    // SAFETY: kill(2) with a negative pid signals that process group; it
    // touches no memory of ours.
    unsafe {
        libc::kill(-pgid, signal);
    }
}

fn group_exists(pgid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only checks that the group exists.
    unsafe { libc::kill(-pgid, 0) == 0 }
}

/// If the task runner dies without running its destructors (SIGKILL), the
/// kernel still sends the child SIGTERM.
#[cfg(target_os = "linux")]
fn stop_with_parent(command: &mut Command) {
    // SAFETY: prctl(2) is async-signal-safe, as a pre_exec hook requires.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM as libc::c_ulong) == -1 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn stop_with_parent(_command: &mut Command) {}
