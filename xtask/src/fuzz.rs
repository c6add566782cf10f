//! The fuzzing stage of `cargo xtask test`: schemathesis generates requests
//! for every operation of `GET /api/openapi.json` and sends them to the
//! [`Stack`], checking that nothing answers 5xx and that every answer (its
//! status, content type, headers and body) is the documented one.
//!
//! The operations behind sign-in get the session cookie of a verified
//! professional registered for the run (through the API, verified with the
//! link from the stack's outbox); schemathesis sends it only where the
//! document asks for the `session` security scheme.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use tandem_api::paths;

use crate::process;
use crate::stack::{self, Stack};
use crate::summary::{self, Stage};
use crate::workspace::Workspace;

pub const STAGE: &str = "fuzz (schemathesis)";
/// Pinned: `cargo xtask setup` installs exactly this version.
pub const VERSION: &str = "4.32.5";
/// The checks each answer must pass.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance";
/// Test cases per operation and phase: enough to find the edge cases, few
/// enough for the stage to take a few minutes on two cores.
const MAX_EXAMPLES: &str = "30";
/// A bound on the whole run, whatever the document grows to.
const MAX_TIME_SECONDS: &str = "240";
/// The scheme name in the document's `securitySchemes`.
const SESSION_SCHEME: &str = "session";
/// The schemathesis config reads the cookie from this variable.
const SESSION_VARIABLE: &str = "TANDEM_FUZZ_SESSION";
const EMAIL: &str = "fuzz-professional@example.com";
const OUTBOX_TIMEOUT: Duration = Duration::from_secs(10);

/// The virtual environment schemathesis is installed into (outside the
/// repository, next to livekit-server).
pub fn venv_dir(workspace: &Workspace) -> PathBuf {
    workspace
        .tools_dir()
        .join(format!("schemathesis-{VERSION}"))
}

pub fn binary(workspace: &Workspace) -> PathBuf {
    venv_dir(workspace).join("bin").join("schemathesis")
}

/// Runs the stage. An `Err` is a failure to set it up (or Ctrl-C); failing
/// operations are counted in the returned [`Stage`].
pub fn run(workspace: &Workspace) -> Result<Stage> {
    let started = Instant::now();
    let stack = Stack::start(workspace, "fuzz")?;
    let session = sign_up_verified(&stack).context("registering the fuzzing account")?;

    let config = stack.run_dir.join("schemathesis.toml");
    fs::write(
        &config,
        format!("[auth.openapi.{SESSION_SCHEME}]\napi_key = \"${{{SESSION_VARIABLE}}}\"\n"),
    )
    .with_context(|| format!("writing {}", config.display()))?;
    let report = stack.run_dir.join("schemathesis-report.json");
    let mut command = workspace.command(binary(workspace))?;
    command
        .arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(format!("{}{}", stack.base_url, paths::OPENAPI))
        .args(["--checks", CHECKS])
        .args(["--max-examples", MAX_EXAMPLES])
        .args(["--max-time", MAX_TIME_SECONDS])
        .args(["--workers", "2"])
        .args(["--report", "json", "--report-json-path"])
        .arg(&report)
        .arg("--report-dir")
        .arg(stack.run_dir.join("schemathesis"))
        .arg("--no-color")
        .env(SESSION_VARIABLE, &session);
    println!("fuzz: {}", process::describe(&command));
    let status = process::run("schemathesis", command)?;
    if !status.success() {
        stack.print_server_log_tail();
    }
    stack.stop();

    let counts = match fs::read_to_string(&report) {
        Ok(text) => summary::schemathesis_counts(&text)
            .with_context(|| format!("reading {}", report.display()))?,
        Err(error) => {
            eprintln!(
                "fuzz: schemathesis wrote no report at {}: {error}",
                report.display()
            );
            summary::Counts::default()
        }
    };
    Ok(Stage::tests(
        STAGE,
        counts,
        status.success(),
        started.elapsed(),
    ))
}

/// Registers a professional, confirms the emailed verification link, and
/// returns the value of its session cookie.
fn sign_up_verified(stack: &Stack) -> Result<String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let password = stack::random_alphanumeric(24)?;
    let register = serde_json::json!({
        "email": EMAIL,
        "password": password,
        "full_name": "Fuzz Professional",
        "role": "professional",
    });
    let response = agent
        .post(format!("{}{}", stack.base_url, paths::AUTH_REGISTER))
        .header("content-type", "application/json")
        .send(register.to_string())?;
    if response.status() != 201 {
        bail!(
            "POST {} answered {}",
            paths::AUTH_REGISTER,
            response.status()
        );
    }
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(session_cookie_value)
        .context("registration set no session cookie")?;

    let token = verification_token(&stack.outbox, EMAIL)?;
    let confirm = serde_json::json!({ "token": token });
    let response = agent
        .post(format!(
            "{}{}",
            stack.base_url,
            paths::AUTH_VERIFICATION_CONFIRM
        ))
        .header("content-type", "application/json")
        .send(confirm.to_string())?;
    if response.status() != 200 {
        bail!(
            "POST {} answered {}",
            paths::AUTH_VERIFICATION_CONFIRM,
            response.status()
        );
    }
    Ok(session)
}

/// `abc` from `tandem_session=abc; HttpOnly; …`.
fn session_cookie_value(set_cookie: &str) -> Option<String> {
    let pair = set_cookie.split(';').next()?;
    let (name, value) = pair.split_once('=')?;
    (name.trim() == "tandem_session" && !value.is_empty()).then(|| value.trim().to_owned())
}

/// The token of the newest verification link mailed to `recipient`.
fn verification_token(outbox: &Path, recipient: &str) -> Result<String> {
    let suffix = format!("-{recipient}.eml");
    let deadline = Instant::now() + OUTBOX_TIMEOUT;
    loop {
        let mut names: Vec<PathBuf> = fs::read_dir(outbox)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|entry| entry.path())
                    .filter(|path| path.to_string_lossy().ends_with(&suffix))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        if let Some(newest) = names.last() {
            let text = fs::read_to_string(newest)
                .with_context(|| format!("reading {}", newest.display()))?;
            return token_in(&text)
                .with_context(|| format!("no verification link in {}", newest.display()));
        }
        if Instant::now() > deadline {
            bail!("no email to {recipient} in {}", outbox.display());
        }
        process::sleep(Duration::from_millis(200))?;
    }
}

/// The `token` of the first `/verify?token=…` link in an email.
fn token_in(email: &str) -> Option<String> {
    let start = email.find("/verify?token=")? + "/verify?token=".len();
    let token: String = email[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '%'))
        .collect();
    (!token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_session_cookie() {
        assert_eq!(
            session_cookie_value("tandem_session=abc_1; HttpOnly; SameSite=Lax; Path=/").as_deref(),
            Some("abc_1")
        );
        assert_eq!(session_cookie_value("other=abc; HttpOnly"), None);
        assert_eq!(session_cookie_value("tandem_session=; Max-Age=0"), None);
    }

    #[test]
    fn finds_the_token_of_the_link() {
        let email = "Hello,\r\n\r\nhttp://127.0.0.1:3300/verify?token=Ab-c_9\r\n\r\nThanks";
        assert_eq!(token_in(email).as_deref(), Some("Ab-c_9"));
        assert_eq!(token_in("no link here"), None);
    }
}
