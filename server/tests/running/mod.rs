//! A real `tandem-server` process for the tests that need one (its metrics
//! listener, its log lines): started on free loopback ports with a fresh
//! SQLite file, stopped when dropped; and plain HTTP/1.1 requests to it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long the server may take to answer its first request.
const START_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Server {
    pub addr: SocketAddr,
    child: Child,
    /// Its stdout (the log), line by line, read by a thread so that the
    /// pipe never fills up.
    log: Receiver<String>,
}

impl Server {
    /// Starts the binary in `dir` (its database and outbox live there) with
    /// only `vars` and the addresses set, and waits until it answers.
    pub fn start(dir: &Path, vars: &[(&str, &str)]) -> Self {
        let addr = free_addr();
        let mut child = Command::new(env!("CARGO_BIN_EXE_tandem-server"))
            .current_dir(dir)
            .env_clear()
            .env("BIND_ADDR", addr.to_string())
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", dir.join("tandem.db").display()),
            )
            .env("STATIC_DIR", dir.join("dist"))
            .env("OUTBOX_DIR", dir.join("outbox"))
            .envs(vars.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (lines, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Self { addr, child, log };
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok((200, _)) = get(addr, tandem_api::paths::HEALTH_LIVE) {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the server exited before answering: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer in time"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The next line the server writes to stdout (its log).
    pub fn next_log_line(&self) -> String {
        self.log
            .recv_timeout(START_TIMEOUT)
            .expect("the server writes a log line")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback address nobody listens on right now.
pub fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
}

/// `GET path`: the status and the body.
pub fn get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, String)> {
    request(addr, "GET", path, &[], "")
}

/// One request on its own connection: the status and the body.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}
