//! Ports and readiness: is a port free, pick a free one, a minimal HTTP GET
//! on loopback, and waiting until a service answers.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use tandem_api::health::{Health, OverallStatus};

use crate::process::{self, Guarded};

pub const LOOPBACK: Ipv4Addr = Ipv4Addr::LOCALHOST;
const CONNECT_TIMEOUT: Duration = Duration::from_millis(500);
const IO_TIMEOUT: Duration = Duration::from_secs(5);

fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((LOOPBACK, port))
}

/// Whether something accepts connections on 127.0.0.1:`port`.
pub fn port_open(port: u16) -> bool {
    TcpStream::connect_timeout(&loopback(port), CONNECT_TIMEOUT).is_ok()
}

/// Whether this process could listen on 127.0.0.1:`port` right now.
fn port_free(port: u16) -> bool {
    !port_open(port) && TcpListener::bind(loopback(port)).is_ok()
}

/// Refuses, with a clear message, when `port` is already taken.
pub fn ensure_port_free(port: u16, what: &str) -> Result<()> {
    if !port_free(port) {
        bail!(
            "port {port} is already in use, but {what} needs it: stop whatever listens there \
             (`ss -ltnp 'sport = :{port}'` shows which process) and try again"
        );
    }
    Ok(())
}

/// `preferred` when it is free, otherwise a port the system picks.
pub fn pick_port(preferred: u16) -> Result<u16> {
    if port_free(preferred) {
        return Ok(preferred);
    }
    let listener = TcpListener::bind(loopback(0)).context("asking the system for a free port")?;
    let port = listener
        .local_addr()
        .context("reading the free port's number")?
        .port();
    Ok(port)
}

/// One HTTP response, as read by [`http_get`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
}

/// `GET path` on 127.0.0.1:`port` (HTTP/1.1, one request per connection).
pub fn http_get(port: u16, path: &str) -> Result<HttpResponse> {
    let mut stream = TcpStream::connect_timeout(&loopback(port), CONNECT_TIMEOUT)
        .with_context(|| format!("connecting to 127.0.0.1:{port}"))?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .with_context(|| format!("sending GET {path} to 127.0.0.1:{port}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .with_context(|| format!("reading the answer to GET {path} from 127.0.0.1:{port}"))?;
    parse_response(&raw).with_context(|| format!("GET {path} on 127.0.0.1:{port}"))
}

fn parse_response(raw: &[u8]) -> Result<HttpResponse> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status_line = head.lines().next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .with_context(|| format!("not an HTTP status line: {status_line:?}"))?;
    Ok(HttpResponse {
        status,
        body: body.to_owned(),
    })
}

/// Polls `probe` until it returns `Ok(())`, for at most `timeout`.
///
/// `probe` returns `Err(reason)` while the service is not ready; the last
/// reason goes into the timeout error. Fails early when one of `watched`
/// exits, and on Ctrl-C.
pub fn wait_until(
    what: &str,
    timeout: Duration,
    watched: &mut [&mut Guarded],
    mut probe: impl FnMut() -> std::result::Result<(), String>,
) -> Result<()> {
    let started = Instant::now();
    loop {
        process::bail_if_interrupted()?;
        for service in watched.iter_mut() {
            if let Some(status) = service.try_status()? {
                bail!(
                    "{} exited ({status}) while waiting for {what}",
                    service.name()
                );
            }
        }
        let Err(reason) = probe() else {
            return Ok(());
        };
        if started.elapsed() >= timeout {
            bail!("{what} was not ready after {timeout:?}: {reason}");
        }
        process::sleep(Duration::from_millis(250))?;
    }
}

/// A probe for [`wait_until`]: `GET path` answers `expected_status`.
pub fn answers(port: u16, path: &str, expected_status: u16) -> std::result::Result<(), String> {
    match http_get(port, path) {
        Ok(response) if response.status == expected_status => Ok(()),
        Ok(response) => Err(format!(
            "GET {path} answered {} {}",
            response.status,
            response.body.trim()
        )),
        Err(error) => Err(format!("{error:#}")),
    }
}

/// A probe for [`wait_until`]: `GET /api/health` answers 200 with
/// `"status": "ok"` (the API server and everything it needs are up).
pub fn api_healthy(port: u16) -> std::result::Result<(), String> {
    let path = tandem_api::paths::HEALTH;
    let response = http_get(port, path).map_err(|error| format!("{error:#}"))?;
    let health: Option<Health> = serde_json::from_str(&response.body).ok();
    match health {
        Some(health) if response.status == 200 && health.status == OverallStatus::Ok => Ok(()),
        _ => Err(format!(
            "GET {path} answered {} {}",
            response.status,
            response.body.trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_and_body() {
        let raw = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\r\n{\"status\":\"degraded\"}";
        let response = parse_response(raw).expect("a valid response");
        assert_eq!(response.status, 503);
        assert_eq!(response.body, "{\"status\":\"degraded\"}");
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_response(b"hello").is_err());
    }

    #[test]
    fn a_listening_port_is_not_free() {
        let listener = TcpListener::bind(loopback(0)).expect("a free port");
        let port = listener.local_addr().expect("its address").port();
        assert!(ensure_port_free(port, "the test").is_err());
        assert_ne!(pick_port(port).expect("another port"), port);
    }
}
