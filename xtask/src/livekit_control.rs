//! Stopping and starting the stack's livekit-server while the browser
//! tests run, so that a test can take the video service away mid-call and
//! bring it back on the same port (a crash and a restart, as far as the
//! browsers can tell).
//!
//! The tests ask through files in the run's control folder, whose path
//! they get as `TANDEM_CONTROL_DIR`: they write `stop` or `start` into
//! [`REQUEST_FILE`]; the watcher does it and then writes `stopped` or
//! `running` into [`STATE_FILE`] (`failed: …` when starting failed).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::livekit::{self, Config};
use crate::process::Guarded;
use crate::workspace::Workspace;

/// What the tests write: `stop` or `start`.
pub const REQUEST_FILE: &str = "livekit-request";
/// What the watcher writes once done: `stopped`, `running` or `failed: …`.
pub const STATE_FILE: &str = "livekit-state";
const POLL: Duration = Duration::from_millis(50);

/// The stack's livekit-server and the thread that stops and starts it on
/// request. Dropping it stops the thread, then the server.
pub struct LiveKitControl {
    server: Arc<Mutex<Option<Guarded>>>,
    done: Arc<AtomicBool>,
    watcher: Option<JoinHandle<()>>,
}

/// How to start the server again: as the stack first did.
struct Restart {
    workspace: Workspace,
    config: Config,
    config_file: PathBuf,
    run_dir: PathBuf,
}

impl LiveKitControl {
    /// Watches `control_dir` (created empty) for requests about `server`,
    /// which runs with `config` from `config_file`; restarted servers log
    /// to `livekit-restart-N.log` in `run_dir`.
    pub fn watch(
        server: Guarded,
        workspace: &Workspace,
        config: &Config,
        config_file: &Path,
        run_dir: &Path,
        control_dir: &Path,
    ) -> Result<Self> {
        fs::create_dir_all(control_dir)
            .with_context(|| format!("creating {}", control_dir.display()))?;
        write_state(control_dir, "running")?;
        let server = Arc::new(Mutex::new(Some(server)));
        let done = Arc::new(AtomicBool::new(false));
        let restart = Restart {
            workspace: workspace.clone(),
            config: config.clone(),
            config_file: config_file.to_path_buf(),
            run_dir: run_dir.to_path_buf(),
        };
        let watcher = {
            let (server, done, control_dir) = (
                Arc::clone(&server),
                Arc::clone(&done),
                control_dir.to_path_buf(),
            );
            thread::Builder::new()
                .name("livekit-control".into())
                .spawn(move || watch_requests(&server, &done, &control_dir, &restart))
                .context("starting the livekit-control thread")?
        };
        Ok(Self {
            server,
            done,
            watcher: Some(watcher),
        })
    }

    /// Stops the watcher, then the server (SIGTERM, so it logs its end).
    pub fn stop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
        if let Some(mut server) = lock(&self.server).take() {
            server.stop();
        }
    }
}

impl Drop for LiveKitControl {
    fn drop(&mut self) {
        self.stop();
    }
}

fn lock(server: &Mutex<Option<Guarded>>) -> std::sync::MutexGuard<'_, Option<Guarded>> {
    server
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn watch_requests(
    server: &Mutex<Option<Guarded>>,
    done: &AtomicBool,
    control_dir: &Path,
    restart: &Restart,
) {
    let request_file = control_dir.join(REQUEST_FILE);
    let mut restarts = 0_u32;
    while !done.load(Ordering::SeqCst) {
        let Ok(request) = fs::read_to_string(&request_file) else {
            thread::sleep(POLL);
            continue;
        };
        let _ = fs::remove_file(&request_file);
        let state = match request.trim() {
            "stop" => {
                // As abrupt as a crash: SIGTERM would wait for the rooms
                // to empty.
                if let Some(mut running) = lock(server).take() {
                    running.kill();
                }
                println!("e2e: livekit-server stopped on request");
                "stopped".to_owned()
            }
            "start" => {
                let mut slot = lock(server);
                if slot.is_some() {
                    "running".to_owned()
                } else {
                    restarts += 1;
                    match start_again(restart, restarts) {
                        Ok(started) => {
                            *slot = Some(started);
                            println!("e2e: livekit-server started again on request");
                            "running".to_owned()
                        }
                        Err(error) => format!("failed: {error:#}"),
                    }
                }
            }
            other => format!("failed: unknown request {other:?}"),
        };
        if let Err(error) = write_state(control_dir, &state) {
            eprintln!("e2e: {error:#}");
        }
    }
}

fn start_again(restart: &Restart, count: u32) -> Result<Guarded> {
    let log = restart.run_dir.join(format!("livekit-restart-{count}.log"));
    livekit::start(
        &restart.workspace,
        &restart.config,
        &restart.config_file,
        &log,
    )
}

/// Writes the state through a temporary file, so that a test never reads
/// half of it.
fn write_state(control_dir: &Path, state: &str) -> Result<()> {
    let temporary = control_dir.join(format!("{STATE_FILE}.tmp"));
    let path = control_dir.join(STATE_FILE);
    fs::write(&temporary, state).with_context(|| format!("writing {}", temporary.display()))?;
    fs::rename(&temporary, &path).with_context(|| format!("writing {}", path.display()))
}
