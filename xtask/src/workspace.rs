//! Where things are: the workspace root, the tool folders, and the `PATH`
//! every child process runs with.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

/// The workspace and the places the task runner installs tools into.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    home: PathBuf,
}

impl Workspace {
    /// The workspace is the parent of this crate's folder.
    pub fn locate() -> Result<Self> {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .parent()
            .context("the xtask folder has no parent folder")?
            .to_path_buf();
        let home = env::var_os("HOME")
            .filter(|home| !home.is_empty())
            .map(PathBuf::from)
            .context("HOME is not set: the tools are installed under the home folder")?;
        Ok(Self { root, home })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Cargo's target folder (`CARGO_TARGET_DIR` when set).
    pub fn target_dir(&self) -> PathBuf {
        match env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
            Some(dir) => self.root.join(dir),
            None => self.root.join("target"),
        }
    }

    /// The release build of the SPA that `trunk build --release` writes.
    pub fn dist_dir(&self) -> PathBuf {
        self.root.join("dist")
    }

    pub fn node_modules(&self) -> PathBuf {
        self.root.join("node_modules")
    }

    /// `cargo install` puts its binaries here (`$CARGO_HOME/bin`).
    pub fn cargo_bin_dir(&self) -> PathBuf {
        match env::var_os("CARGO_HOME").filter(|dir| !dir.is_empty()) {
            Some(dir) => PathBuf::from(dir).join("bin"),
            None => self.home.join(".cargo").join("bin"),
        }
    }

    /// Tools built from source for this project live here, outside the
    /// repository, so that a fresh clone finds them again.
    pub fn tools_dir(&self) -> PathBuf {
        let data_home = env::var_os("XDG_DATA_HOME")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| self.home.join(".local").join("share"));
        data_home.join("tandem")
    }

    /// `PATH` with the npm binaries (wasm-opt, playwright) and cargo's
    /// binaries (trunk, wasm-bindgen) in front.
    pub fn path_env(&self) -> Result<OsString> {
        let mut dirs = vec![self.node_modules().join(".bin"), self.cargo_bin_dir()];
        if let Some(path) = env::var_os("PATH") {
            dirs.extend(env::split_paths(&path));
        }
        env::join_paths(dirs).context("building PATH for the child processes")
    }

    /// A command run from the workspace root with [`Self::path_env`].
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Result<Command> {
        let mut command = Command::new(program);
        command
            .current_dir(&self.root)
            .env("PATH", self.path_env()?);
        Ok(command)
    }

    /// `cargo`, the same one that runs this task runner.
    pub fn cargo(&self) -> Result<Command> {
        let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
        self.command(cargo)
    }
}
