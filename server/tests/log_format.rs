//! `LOG_FORMAT`: the real server writes one JSON object per log line with
//! `json`, and plain text lines by default.

mod running;

use running::Server;
use serde_json::Value;

#[test]
fn json_log_lines_are_json_objects() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[("LOG_FORMAT", "json")]);
    for _ in 0..3 {
        let line = server.next_log_line();
        let entry: Value = serde_json::from_str(&line)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {line}"));
        assert!(entry["timestamp"].is_string(), "{line}");
        assert!(entry["level"].is_string(), "{line}");
        assert!(entry["fields"]["message"].is_string(), "{line}");
    }
}

#[test]
fn text_log_lines_are_the_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(dir.path(), &[]);
    // Another crate may log first (sqlx warns of a slow statement on a busy
    // machine): every line is text, and the server's own come soon.
    let lines: Vec<String> = (0..3).map(|_| server.next_log_line()).collect();
    for line in &lines {
        assert!(serde_json::from_str::<Value>(line).is_err(), "{line}");
    }
    assert!(
        lines.iter().any(|line| line.contains("tandem_server")),
        "{lines:#?}"
    );
}
