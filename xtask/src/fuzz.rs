//! The fuzzing stage of `cargo xtask test`: schemathesis generates requests
//! for every operation of `GET /api/openapi.json` and sends them to the
//! [`Stack`], checking that nothing answers 5xx and that every answer (its
//! status, content type, headers and body) is the documented one.
//!
//! It runs twice, as a verified professional and then as a verified client,
//! each registered for the run through the API and verified with the link
//! from the stack's outbox; schemathesis sends the account's session cookie
//! only where the document asks for the `session` security scheme. An
//! operation counts once, failed if it failed in either run.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use tandem_api::paths;

use crate::process::{self, Guarded, Output};
use crate::stack::{self, Stack};
use crate::summary::{self, Stage};
use crate::workspace::Workspace;

pub const STAGE: &str = "fuzz (schemathesis)";
/// Pinned: `cargo xtask setup` installs exactly this version.
pub const VERSION: &str = "4.32.5";
/// The checks each answer must pass.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_headers_conformance,response_schema_conformance,unsupported_method";
/// Test cases per operation and phase: enough to find the edge cases, few
/// enough for a run to take about a minute on two cores.
const MAX_EXAMPLES: &str = "50";
/// A run still going after this long is stopped and counts as failed.
/// (Not schemathesis's `--max-time`: that one keeps fuzzing until the time
/// is spent.)
const RUN_DEADLINE: Duration = Duration::from_secs(240);
/// The scheme name in the document's `securitySchemes`.
const SESSION_SCHEME: &str = "session";
/// The schemathesis config reads the cookie from this variable.
const SESSION_VARIABLE: &str = "TANDEM_FUZZ_SESSION";
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

/// Who the operations behind sign-in are fuzzed as, in this order: the
/// client books the slots the professional published (before either run),
/// then the professional's run meets booked and unbooked slots.
const ACCOUNTS: [(&str, &str); 2] = [
    ("client", "Fuzz Client"),
    ("professional", "Fuzz Professional"),
];
/// The slots published before the runs, as (minutes from now, length in
/// minutes): the first one's call can be joined at once.
const SEED_SLOTS: [(i64, i64); 4] = [(5, 30), (24 * 60, 60), (25 * 60, 60), (48 * 60, 45)];

/// Runs the stage. An `Err` is a failure to set it up (or Ctrl-C); failing
/// operations are counted in the returned [`Stage`].
pub fn run(workspace: &Workspace) -> Result<Stage> {
    let started = Instant::now();
    let stack = Stack::start(workspace, "fuzz")?;
    let config = stack.run_dir.join("schemathesis.toml");
    fs::write(
        &config,
        format!("[auth.openapi.{SESSION_SCHEME}]\napi_key = \"${{{SESSION_VARIABLE}}}\"\n"),
    )
    .with_context(|| format!("writing {}", config.display()))?;

    let mut sessions = Vec::new();
    for (role, full_name) in ACCOUNTS {
        let session = sign_up_verified(&stack, role, full_name)
            .with_context(|| format!("registering the fuzzing {role}"))?;
        sessions.push((role, session));
    }
    if let Some((_, professional)) = sessions.iter().find(|(role, _)| *role == "professional") {
        publish_slots(&stack, professional).context("publishing the fuzzing slots")?;
    }

    let mut reports = Vec::new();
    let mut all_ok = true;
    for (role, session) in sessions {
        let report = stack.run_dir.join(format!("schemathesis-{role}.json"));
        let mut command = workspace.command(binary(workspace))?;
        // Its crash cache (`.schemathesis/`) stays in the run folder.
        command
            .current_dir(&stack.run_dir)
            .arg("--config-file")
            .arg(&config)
            .arg("run")
            .arg(format!("{}{}", stack.base_url, paths::OPENAPI))
            .args(["--checks", CHECKS])
            .args(["--max-examples", MAX_EXAMPLES])
            // One worker: with two threads, the Python 3.11 here now and then
            // fails inside `ast.parse` ("AST constructor recursion depth
            // mismatch", CPython gh-106905) while Hypothesis describes a
            // strategy, and the run ends on that instead of on our API.
            .args(["--workers", "1"])
            .args(["--report", "json", "--report-json-path"])
            .arg(&report)
            .arg("--report-dir")
            .arg(stack.run_dir.join(format!("schemathesis-{role}")))
            .arg("--no-color")
            .env(SESSION_VARIABLE, &session);
        println!("fuzz: as a {role}: {}", process::describe(&command));
        all_ok &= run_bounded(command)?;
        match fs::read_to_string(&report) {
            Ok(text) => reports.push(text),
            Err(error) => {
                all_ok = false;
                eprintln!(
                    "fuzz: schemathesis wrote no report at {}: {error}",
                    report.display()
                );
            }
        }
    }
    if !all_ok {
        stack.print_server_log_tail();
    }
    stack.stop();
    let counts =
        summary::schemathesis_counts(&reports).context("reading schemathesis's reports")?;
    Ok(Stage::tests(STAGE, counts, all_ok, started.elapsed()))
}

/// Runs schemathesis to its end, or stops it at [`RUN_DEADLINE`]; whether
/// it succeeded.
fn run_bounded(command: std::process::Command) -> Result<bool> {
    let mut child = Guarded::spawn("schemathesis", command, Output::Inherit)?;
    let deadline = Instant::now() + RUN_DEADLINE;
    loop {
        if let Some(status) = child.try_status()? {
            return Ok(status.success());
        }
        if Instant::now() >= deadline {
            eprintln!("fuzz: schemathesis ran longer than {RUN_DEADLINE:?}; stopping it");
            child.stop();
            return Ok(false);
        }
        process::sleep(Duration::from_millis(200))?;
    }
}

/// Registers an account, confirms the emailed verification link, and
/// returns the value of its session cookie.
fn sign_up_verified(stack: &Stack, role: &str, full_name: &str) -> Result<String> {
    let email = format!("fuzz-{role}@example.com");
    let agent = agent();
    let password = stack::random_alphanumeric(24)?;
    let register = serde_json::json!({
        "email": email,
        "password": password,
        "full_name": full_name,
        "role": role,
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

    let token = verification_token(&stack.outbox, &email)?;
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

/// Publishes [`SEED_SLOTS`] as the professional whose session this is.
fn publish_slots(stack: &Stack, session: &str) -> Result<()> {
    let now = chrono::Utc::now();
    for (from_now, length) in SEED_SLOTS {
        let start = now + chrono::Duration::minutes(from_now);
        let slot = serde_json::json!({
            "start_time": start,
            "end_time": start + chrono::Duration::minutes(length),
            "price_cents": 5000,
        });
        let response = agent()
            .post(format!("{}{}", stack.base_url, paths::SLOTS))
            .header("content-type", "application/json")
            .header("cookie", session_cookie(session))
            .send(slot.to_string())?;
        if response.status() != 201 {
            bail!("POST {} answered {}", paths::SLOTS, response.status());
        }
    }
    Ok(())
}

/// An HTTP client that reads every status as an answer, not an error.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// The session cookie's name on `http://127.0.0.1` (no `__Host-` prefix).
pub(crate) const SESSION_COOKIE: &str = "tandem_session";

/// The `Cookie` header that sends the session `session`.
pub(crate) fn session_cookie(session: &str) -> String {
    format!("{SESSION_COOKIE}={session}")
}

/// `abc` from `tandem_session=abc; HttpOnly; …`.
pub(crate) fn session_cookie_value(set_cookie: &str) -> Option<String> {
    let pair = set_cookie.split(';').next()?;
    let (name, value) = pair.split_once('=')?;
    (name.trim() == SESSION_COOKIE && !value.is_empty()).then(|| value.trim().to_owned())
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
