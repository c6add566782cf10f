//! A throwaway PostgreSQL 15 server for the tests: a fresh data directory,
//! 127.0.0.1 and a free port, `fsync=off` (the data is thrown away), and
//! stopped and removed when dropped.
//!
//! PostgreSQL refuses to run as root, so as root the server runs as the
//! `postgres` user that Debian's package creates.

use anyhow::{bail, Context, Result};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::process;
use crate::workspace::Workspace;

/// Where Debian's `postgresql-15` package puts the server programs.
pub const BIN_DIR: &str = "/usr/lib/postgresql/15/bin";

/// The Debian package that provides [`BIN_DIR`].
pub const PACKAGE: &str = "postgresql-15";

/// The file whose presence means PostgreSQL is installed.
pub fn initdb_path() -> PathBuf {
    Path::new(BIN_DIR).join("initdb")
}

/// Whether the server may lose its last commits on a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `fsync=off` and friends: for tests, whose data is thrown away.
    Throwaway,
    /// PostgreSQL's defaults, as a deployment runs it: for benchmarks.
    Durable,
}

/// A running throwaway server.
pub struct Postgres {
    data_dir: PathBuf,
    port: u16,
    run_as_postgres: bool,
    /// Whether there is a cluster to stop.
    started: bool,
}

impl Postgres {
    /// Makes a fresh cluster and starts it; fails with the server's log when
    /// it does not come up.
    pub fn start(workspace: &Workspace) -> Result<Self> {
        Self::start_with(workspace, Durability::Throwaway)
    }

    /// [`Postgres::start`] with the given durability.
    pub fn start_with(workspace: &Workspace, durability: Durability) -> Result<Self> {
        if !initdb_path().is_file() {
            bail!(
                "PostgreSQL is not installed ({} is missing): run `cargo xtask setup`",
                initdb_path().display()
            );
        }
        let started = Instant::now();
        // SAFETY: geteuid(2) only reads the process's user id.
        let run_as_postgres = unsafe { libc::geteuid() } == 0;
        let port = free_port()?;
        // Under /tmp, which the `postgres` user can reach whatever the
        // permissions of the checkout.
        let data_dir =
            std::env::temp_dir().join(format!("tandem-pg-{}-{port}", std::process::id()));
        if data_dir.exists() {
            std::fs::remove_dir_all(&data_dir)
                .with_context(|| format!("cannot remove {}", data_dir.display()))?;
        }
        std::fs::create_dir_all(&data_dir)
            .with_context(|| format!("cannot create {}", data_dir.display()))?;
        let mut server = Self {
            data_dir,
            port,
            run_as_postgres,
            started: false,
        };
        if run_as_postgres {
            let mut chown = workspace.command("chown")?;
            chown.arg("postgres:postgres").arg(&server.data_dir);
            check("chown", process::run("chown", chown)?)?;
        }
        let mut initdb = server.program("initdb");
        initdb
            .arg("--pgdata")
            .arg(server.cluster_dir())
            .args([
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-sync",
            ])
            .stdout(std::process::Stdio::null());
        check("initdb", process::run("initdb", initdb)?)?;
        server.started = true;
        let durability = match durability {
            Durability::Throwaway => {
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            }
            Durability::Durable => "",
        };
        let options = format!(
            "-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={} \
             {durability} -c max_connections=400 -c shared_buffers=128MB",
            server.data_dir.display()
        );
        let mut pg_ctl = server.program("pg_ctl");
        pg_ctl
            .arg("--pgdata")
            .arg(server.cluster_dir())
            .arg("--log")
            .arg(server.log_file())
            .args(["--wait", "--timeout=60", "-o", &options, "start"])
            .stdout(std::process::Stdio::null());
        // Not through `process::run`: it ends the child's whole process
        // group when the child exits, and the server must outlive pg_ctl.
        let status = pg_ctl.status().context("cannot run pg_ctl")?;
        if !status.success() {
            bail!(
                "PostgreSQL did not start ({status}); its log ends:\n{}",
                process::log_tail(&server.log_file(), 20)
            );
        }
        println!(
            "postgres: PostgreSQL 15 on 127.0.0.1:{port} ({:.1}s)",
            started.elapsed().as_secs_f64()
        );
        Ok(server)
    }

    /// The URL of database `name` on this server, as its superuser.
    pub fn database_url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Creates an empty database.
    pub fn create_database(&self, name: &str) -> Result<()> {
        let mut createdb = self.program("createdb");
        createdb.args(["--host=127.0.0.1", "--username=postgres"]);
        createdb.arg(format!("--port={}", self.port)).arg(name);
        check("createdb", process::run("createdb", createdb)?)
    }

    /// The URL of the server's `postgres` database, as its superuser.
    pub fn admin_url(&self) -> String {
        self.database_url("postgres")
    }

    fn cluster_dir(&self) -> PathBuf {
        self.data_dir.join("cluster")
    }

    fn log_file(&self) -> PathBuf {
        self.data_dir.join("postgres.log")
    }

    fn program(&self, name: &str) -> Command {
        let path = Path::new(BIN_DIR).join(name);
        if self.run_as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if !self.started {
            let _ = std::fs::remove_dir_all(&self.data_dir);
            return;
        }
        let mut pg_ctl = self.program("pg_ctl");
        pg_ctl
            .arg("--pgdata")
            .arg(self.cluster_dir())
            .args(["--mode=immediate", "--wait", "stop"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if let Err(error) = pg_ctl.status() {
            eprintln!("postgres: cannot stop the test server: {error}");
        }
        if let Err(error) = std::fs::remove_dir_all(&self.data_dir) {
            eprintln!(
                "postgres: cannot remove {}: {error}",
                self.data_dir.display()
            );
        }
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

fn check(label: &str, status: std::process::ExitStatus) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        bail!("{label} failed ({status})")
    }
}
