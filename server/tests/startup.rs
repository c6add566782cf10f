//! The real binary refuses a bad configuration with a clear message.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the server in `cwd` with only `vars` set, so neither the caller's
/// environment nor a `.env` file of the repository is read.
fn run_server(cwd: &Path, vars: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tandem-server"))
        .current_dir(cwd)
        .env_clear()
        .envs(vars.iter().copied())
        .output()
        .expect("the server binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn malformed_database_url_exits_with_code_2() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let output = run_server(
        cwd.path(),
        &[
            ("TANDEM_MODE", "production"),
            ("DATABASE_URL", "postgres//oops"),
        ],
    );
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("tandem-server: configuration error: DATABASE_URL must be a SQLite URL"),
        "{stderr}"
    );
}

#[test]
fn a_request_timeout_of_zero_exits_with_code_2() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let output = run_server(cwd.path(), &[("REQUEST_TIMEOUT_SECS", "0")]);
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("tandem-server: configuration error: REQUEST_TIMEOUT_SECS must be"),
        "{stderr}"
    );
}

#[test]
fn short_livekit_secret_in_production_exits_with_code_2() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let output = run_server(
        cwd.path(),
        &[
            ("TANDEM_MODE", "production"),
            ("LIVEKIT_URL", "wss://tandem.livekit.cloud"),
            ("LIVEKIT_API_KEY", "APIkey"),
            ("LIVEKIT_API_SECRET", "short"),
        ],
    );
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("tandem-server: configuration error: LIVEKIT_API_SECRET is too short"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("short\""),
        "the secret is not echoed: {stderr}"
    );
}

#[test]
fn dot_env_is_read_before_the_configuration_and_never_overrides() {
    let cwd = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        cwd.path().join(".env"),
        "TANDEM_MODE=bogus\nDATABASE_URL=postgres//oops\n",
    )
    .expect("write .env");

    let output = run_server(cwd.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("TANDEM_MODE"),
        "{}",
        stderr(&output)
    );

    let output = run_server(cwd.path(), &[("TANDEM_MODE", "production")]);
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
}

#[test]
fn a_malformed_dot_env_is_a_configuration_error() {
    let cwd = tempfile::tempdir().expect("temp dir");
    std::fs::write(cwd.path().join(".env"), "DATABASE_URL=two words\n").expect("write .env");
    let output = run_server(cwd.path(), &[]);
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("tandem-server: configuration error: cannot read .env"),
        "{stderr}"
    );
}

#[test]
fn unopenable_database_exits_non_zero_with_a_message() {
    let cwd = tempfile::tempdir().expect("temp dir");
    std::fs::write(cwd.path().join("not-a-directory"), "").expect("write file");
    let output = run_server(
        cwd.path(),
        &[("DATABASE_URL", "sqlite://not-a-directory/tandem.db")],
    );
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("tandem-server: error: cannot create the database directory"),
        "{stderr}"
    );
}

#[test]
fn an_http_public_url_outside_dev_mode_exits_with_code_2() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let output = run_server(
        cwd.path(),
        &[
            ("TANDEM_MODE", "production"),
            ("PUBLIC_URL", "http://tandem.example.com"),
        ],
    );
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "tandem-server: configuration error: PUBLIC_URL is \"http://tandem.example.com/\""
        ),
        "{stderr}"
    );
}

#[test]
fn bad_abuse_limit_settings_exit_with_code_2() {
    for (name, value) in [
        ("TRUSTED_PROXIES", "10.0.0.0/99"),
        ("PASSWORD_HASH_CONCURRENCY", "0"),
        ("SESSION_IDLE_TIMEOUT", "soon"),
    ] {
        let cwd = tempfile::tempdir().expect("temp dir");
        let output = run_server(cwd.path(), &[(name, value)]);
        let stderr = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("tandem-server: configuration error: {name}")),
            "{stderr}"
        );
    }
}

#[test]
fn bad_metrics_address_and_log_format_exit_with_code_2() {
    let cwd = tempfile::tempdir().expect("temp dir");
    for (vars, expected) in [
        (
            &[("METRICS_ADDR", "nine-one-hundred")][..],
            "tandem-server: configuration error: METRICS_ADDR must be",
        ),
        (
            &[("BIND_ADDR", "127.0.0.1:3999"), ("METRICS_ADDR", "127.0.0.1:3999")][..],
            "tandem-server: configuration error: METRICS_ADDR is 127.0.0.1:3999, the address of BIND_ADDR",
        ),
        (
            &[("LOG_FORMAT", "xml")][..],
            "tandem-server: configuration error: LOG_FORMAT must be",
        ),
    ] {
        let output = run_server(cwd.path(), vars);
        let stderr = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{vars:?}: {stderr}");
        assert!(stderr.contains(expected), "{vars:?}: {stderr}");
    }
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let cwd = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_tandem-server"))
        .current_dir(cwd.path())
        .env_clear()
        .arg("bakup")
        .output()
        .expect("the server binary runs");
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("unknown command \"bakup\""), "{stderr}");
    assert!(stderr.contains("tandem-server backup PATH"), "{stderr}");
}
