//! The command line: `tandem-server` serves the app; `tandem-server backup
//! PATH` writes a copy of the database and exits.

use std::ffi::OsString;
use std::path::PathBuf;
use thiserror::Error;

pub const USAGE: &str = "usage: tandem-server            serve the app\n       \
                         tandem-server backup PATH  copy the SQLite database to the new file PATH";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Backup(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}\n{USAGE}")]
pub struct UsageError(String);

/// The command of the arguments after the program's name.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Ok(Command::Serve);
    };
    if first != "backup" {
        return Err(UsageError(format!(
            "unknown command {:?}",
            first.to_string_lossy()
        )));
    }
    let path = args
        .next()
        .filter(|path| !path.is_empty())
        .ok_or_else(|| UsageError("backup needs the path of the copy to write".into()))?;
    if let Some(extra) = args.next() {
        return Err(UsageError(format!(
            "backup takes one path, not also {:?}",
            extra.to_string_lossy()
        )));
    }
    Ok(Command::Backup(PathBuf::from(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn no_arguments_serve_and_backup_takes_one_path() {
        assert_eq!(parse(args(&[])), Ok(Command::Serve));
        assert_eq!(
            parse(args(&["backup", "copy.db"])),
            Ok(Command::Backup(PathBuf::from("copy.db")))
        );
    }

    #[test]
    fn anything_else_is_a_usage_error() {
        for list in [
            &["bakup", "copy.db"][..],
            &["backup"],
            &["backup", ""],
            &["backup", "a.db", "b.db"],
        ] {
            let error = parse(args(list)).expect_err("refused");
            assert!(
                error.to_string().contains("usage: tandem-server"),
                "{error}"
            );
        }
    }
}
