//! Counting: what each stage of `cargo xtask test` passed and failed, the
//! parsers for cargo's, Playwright's and schemathesis's results, and the
//! closing table.

use std::fmt::Write as _;
use std::time::Duration;

use anyhow::{Context, Result};

/// One stage's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: String,
    pub passed: u64,
    pub failed: u64,
    pub duration: Duration,
    /// Why it failed or was skipped, when there is something to say.
    pub note: String,
}

impl Stage {
    /// A check that counts as one: passed or failed.
    pub fn check(name: &str, ok: bool, duration: Duration, note: impl Into<String>) -> Self {
        Self {
            name: name.to_owned(),
            passed: u64::from(ok),
            failed: u64::from(!ok),
            duration,
            note: note.into(),
        }
    }

    /// A test stage: its runner's counts, plus one failure when the runner
    /// itself failed without reporting a failing test (a compile error, a
    /// broken config).
    pub fn tests(name: &str, counts: Counts, runner_ok: bool, duration: Duration) -> Self {
        let runner_failed = !runner_ok && counts.failed == 0;
        Self {
            name: name.to_owned(),
            passed: counts.passed,
            failed: counts.failed + u64::from(runner_failed),
            duration,
            note: if runner_failed {
                "the runner failed (see its output above)".to_owned()
            } else {
                String::new()
            },
        }
    }

    pub fn ok(&self) -> bool {
        self.failed == 0
    }
}

/// Passed and failed tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

/// Adds up every `test result: ok. N passed; M failed; …` line of `cargo test`.
pub fn cargo_test_counts<S: AsRef<str>>(lines: &[S]) -> Counts {
    let mut counts = Counts::default();
    for line in lines {
        let Some(rest) = line.as_ref().trim().strip_prefix("test result: ") else {
            continue;
        };
        // "ok. 3 passed; 0 failed; 0 ignored; …" or "FAILED. 2 passed; 1 failed; …"
        let Some((_, tallies)) = rest.split_once(". ") else {
            continue;
        };
        for tally in tallies.split(';') {
            let mut words = tally.split_whitespace();
            let (Some(number), Some(kind)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u64>() else {
                continue;
            };
            match kind {
                "passed" => counts.passed += number,
                "failed" => counts.failed += number,
                _ => {}
            }
        }
    }
    counts
}

/// The counts in Playwright's JSON report (`stats`): `expected` and `flaky`
/// tests passed, `unexpected` ones failed.
pub fn playwright_counts(report: &str) -> Result<Counts> {
    let report: serde_json::Value =
        serde_json::from_str(report).context("the Playwright report is not JSON")?;
    let stats = report
        .get("stats")
        .context("the Playwright report has no `stats`")?;
    let number = |key: &str| {
        stats
            .get(key)
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
    };
    Ok(Counts {
        passed: number("expected") + number("flaky"),
        failed: number("unexpected"),
    })
}

/// The counts in schemathesis's JSON reports (`--report json`) of runs over
/// the same operations (as different users): one per operation tested,
/// failed when any check of it failed, or it errored, in any of the runs.
pub fn schemathesis_counts<S: AsRef<str>>(reports: &[S]) -> Result<Counts> {
    let mut tested = 0;
    let mut errored = 0;
    let mut failing: Vec<String> = Vec::new();
    for report in reports {
        let report: serde_json::Value =
            serde_json::from_str(report.as_ref()).context("the schemathesis report is not JSON")?;
        let operations = report
            .get("operations")
            .filter(|operations| !operations.is_null())
            .context("the schemathesis report has no `operations`")?;
        let number = |key: &str| {
            operations
                .get(key)
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0)
        };
        tested = tested.max(number("tested"));
        errored = errored.max(number("errored"));
        failing.extend(
            report
                .get("failures")
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|group| group.get("operations")?.as_array())
                .flatten()
                .filter_map(serde_json::Value::as_str)
                .map(str::to_owned),
        );
    }
    failing.sort_unstable();
    failing.dedup();
    let failed = failing.len() as u64 + errored;
    Ok(Counts {
        passed: tested.saturating_sub(failed),
        failed,
    })
}

/// `1.2s`, `3m04s`.
pub fn format_duration(duration: Duration) -> String {
    let seconds = duration.as_secs();
    if seconds < 60 {
        format!("{:.1}s", duration.as_secs_f64())
    } else {
        format!("{}m{:02}s", seconds / 60, seconds % 60)
    }
}

/// The table of stages, then the closing line `N passed, N failed`.
pub fn render(stages: &[Stage]) -> String {
    let width = stages
        .iter()
        .map(|stage| stage.name.len())
        .max()
        .unwrap_or(0)
        .max("stage".len());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:<6}  {:>6}  {:>6}  {:>8}",
        "stage", "result", "passed", "failed", "time"
    );
    for stage in stages {
        let result = if stage.ok() { "ok" } else { "FAILED" };
        let _ = write!(
            out,
            "{:<width$}  {:<6}  {:>6}  {:>6}  {:>8}",
            stage.name,
            result,
            stage.passed,
            stage.failed,
            format_duration(stage.duration)
        );
        if !stage.note.is_empty() {
            let _ = write!(out, "  {}", stage.note);
        }
        out.push('\n');
    }
    let (passed, failed) = totals(stages);
    let _ = write!(out, "{passed} passed, {failed} failed");
    out
}

pub fn totals(stages: &[Stage]) -> (u64, u64) {
    stages.iter().fold((0, 0), |(passed, failed), stage| {
        (passed + stage.passed, failed + stage.failed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_up_cargo_test_results() {
        let lines = [
            "running 3 tests",
            "test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s",
            "test result: FAILED. 5 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.20s",
            "test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
            "some other line: 4 passed; 4 failed",
        ];
        assert_eq!(
            cargo_test_counts(&lines),
            Counts {
                passed: 8,
                failed: 2
            }
        );
    }

    #[test]
    fn reads_playwright_stats() {
        let report = r#"{"config": {}, "suites": [], "stats": {"startTime": "2026-11-21T10:00:00.000Z", "duration": 1234.5, "expected": 4, "skipped": 1, "unexpected": 1, "flaky": 1}}"#;
        assert_eq!(
            playwright_counts(report).expect("a report"),
            Counts {
                passed: 5,
                failed: 1
            }
        );
        assert!(playwright_counts("{}").is_err());
        assert!(playwright_counts("not json").is_err());
    }

    #[test]
    fn reads_schemathesis_operations() {
        let report = r#"{"operations": {"total": 20, "selected": 20, "tested": 19, "errored": 1, "skipped": 1},
            "failures": [
                {"type": "server_error", "count": 3, "operations": ["POST /api/slots", "GET /api/bookings"]},
                {"type": "schema", "count": 1, "operations": ["POST /api/slots"]}
            ]}"#;
        assert_eq!(
            schemathesis_counts(&[report]).expect("a report"),
            Counts {
                passed: 16,
                failed: 3
            }
        );
        let clean = r#"{"operations": {"tested": 19, "errored": 0}, "failures": []}"#;
        assert_eq!(
            schemathesis_counts(&[clean]).expect("a report"),
            Counts {
                passed: 19,
                failed: 0
            }
        );
        let other = r#"{"operations": {"tested": 19, "errored": 0},
            "failures": [{"operations": ["POST /api/slots", "DELETE /api/slots/{id}"]}]}"#;
        assert_eq!(
            schemathesis_counts(&[report, clean, other]).expect("reports"),
            Counts {
                passed: 15,
                failed: 4
            }
        );
        assert!(schemathesis_counts(&[r#"{"operations": null}"#]).is_err());
        assert!(schemathesis_counts(&["not json"]).is_err());
    }

    #[test]
    fn a_failed_runner_counts_as_a_failure() {
        let stage = Stage::tests("cargo test", Counts::default(), false, Duration::ZERO);
        assert_eq!((stage.passed, stage.failed), (0, 1));
        let stage = Stage::tests(
            "cargo test",
            Counts {
                passed: 3,
                failed: 1,
            },
            false,
            Duration::ZERO,
        );
        assert_eq!((stage.passed, stage.failed), (3, 1));
    }

    #[test]
    fn the_last_line_is_the_total() {
        let stages = [
            Stage::check("fmt", true, Duration::from_millis(1500), ""),
            Stage::check("clippy", false, Duration::from_secs(75), "warnings"),
            Stage::tests(
                "cargo test",
                Counts {
                    passed: 10,
                    failed: 0,
                },
                true,
                Duration::from_secs(3),
            ),
        ];
        let table = render(&stages);
        assert_eq!(table.lines().last(), Some("11 passed, 1 failed"));
        assert!(table.contains("1m15s"));
        assert!(table.contains("FAILED"));
    }
}
