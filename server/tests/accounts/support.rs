//! An app with a test clock, a temporary database and outbox, and the
//! requests the account tests send.

use super::common;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tandem_server::clock::TestClock;
use tandem_server::AppState;

pub const PASSWORD: &str = "correct horse battery staple";

pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
        .single()
        .expect("valid time")
}

pub struct TestApp {
    pub state: AppState,
    pub clock: Arc<TestClock>,
    pub outbox: PathBuf,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_vars(&[]).await
    }

    pub async fn with_vars(vars: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = common::config(dir.path(), vars);
        let outbox = config.mail.outbox_dir.clone();
        let clock = Arc::new(TestClock::new(start_time()));
        let state = common::state(config).await.with_clock(clock.clone());
        Self {
            state,
            clock,
            outbox,
            _dir: dir,
        }
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    pub async fn send(&self, request: Request<Body>) -> Response<Body> {
        common::send(&self.state, request).await
    }

    /// `POST` of a JSON body, with the session cookie if given.
    pub async fn post(&self, path: &str, body: Value, cookie: Option<&str>) -> Response<Body> {
        self.send(post_request(path, cookie).body_json(&body)).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Response<Body> {
        let mut request = Request::get(path);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.send(request.body(Body::empty()).expect("valid request"))
            .await
    }

    pub async fn register(&self, email: &str, full_name: &str) -> Response<Body> {
        let body = json!({
            "email": email,
            "password": PASSWORD,
            "full_name": full_name,
            "role": "client",
        });
        self.post(tandem_api::paths::AUTH_REGISTER, body, None)
            .await
    }

    /// Registers and answers the `Cookie` header of the new session.
    pub async fn signed_up(&self, email: &str) -> String {
        let response = self.register(email, "Test Person").await;
        assert_eq!(response.status(), 201);
        session_cookie(&response).expect("register sets the session cookie")
    }

    /// Signs in from the client address `ip`.
    pub async fn login_from(&self, ip: &str, email: &str, password: &str) -> Response<Body> {
        self.send(login_request(ip, email, password, &[])).await
    }

    /// The same state as a second server process on the same database
    /// file would have: its own connection pool, the same clock.
    pub async fn second_process(&self) -> AppState {
        common::state((*self.state.config).clone())
            .await
            .with_clock(self.clock.clone())
    }

    /// A JSON request with any method, with the session cookie if given.
    pub async fn send_json(
        &self,
        method: &str,
        path: &str,
        body: Value,
        cookie: Option<&str>,
    ) -> Response<Body> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/json");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        self.send(request.body_json(&body)).await
    }

    /// A JSON `POST` from the client address `ip`.
    pub async fn post_from(&self, ip: &str, path: &str, body: Value) -> Response<Body> {
        let peer: SocketAddr = format!("{ip}:50000").parse().expect("valid address");
        let request = post_request(path, None)
            .extension(ConnectInfo(peer))
            .body_json(&body);
        self.send(request).await
    }

    /// Asks for a password reset link for `email` (from no known address).
    pub async fn ask_reset(&self, email: &str) -> Response<Body> {
        self.post(
            tandem_api::paths::AUTH_PASSWORD_RESET,
            json!({"email": email}),
            None,
        )
        .await
    }

    /// Uses a reset token, from a browser with `cookie` if given.
    pub async fn confirm_reset(
        &self,
        token: &str,
        password: &str,
        cookie: Option<&str>,
    ) -> Response<Body> {
        self.post(
            tandem_api::paths::AUTH_PASSWORD_RESET_CONFIRM,
            json!({"token": token, "password": password}),
            cookie,
        )
        .await
    }

    /// Whether the session of `cookie` still signs somebody in.
    pub async fn signed_in(&self, cookie: &str) -> bool {
        let status = self
            .get(tandem_api::paths::AUTH_ME, Some(cookie))
            .await
            .status();
        assert!(status == 200 || status == 401, "{status}");
        status == 200
    }

    /// Waits (up to five seconds) for an email to `recipient` whose text
    /// holds `needle`, and answers the newest such one.
    pub async fn email_containing(&self, recipient: &str, needle: &str) -> String {
        for _ in 0..100 {
            if let Some(email) = self.find_email(recipient, needle).await {
                return email;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "no email to {recipient} with {needle:?}: {:?}",
            self.emails().await
        );
    }

    /// The newest email to `recipient` whose text holds `needle`, if any.
    pub async fn find_email(&self, recipient: &str, needle: &str) -> Option<String> {
        let suffix = format!("-{recipient}.eml");
        self.emails()
            .await
            .into_iter()
            .rev()
            .filter(|path| path.to_string_lossy().ends_with(&suffix))
            .map(|path| std::fs::read_to_string(path).expect("readable email"))
            .find(|text| text.contains(needle))
    }

    /// The token of the newest password reset link sent to `recipient`,
    /// waiting for it to arrive.
    pub async fn reset_token(&self, recipient: &str) -> String {
        let email = self.email_containing(recipient, RESET_LINK).await;
        link_token(&email, RESET_LINK)
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.state.db.writer())
            .await
            .expect("count")
    }

    /// Delivers the queued mail that is due, as a server's mail worker
    /// would; what it did.
    pub async fn deliver_mail(&self) -> tandem_server::mail::worker::Pass {
        tandem_server::mail::worker::deliver_due(&self.state, "tests")
            .await
            .expect("the mail queue is readable")
    }

    /// The `.eml` files of the outbox, oldest first, once the due mail is
    /// delivered.
    pub async fn emails(&self) -> Vec<PathBuf> {
        self.deliver_mail().await;
        let Ok(entries) = std::fs::read_dir(&self.outbox) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|entry| entry.expect("outbox entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
            .collect();
        files.sort();
        files
    }

    /// The newest email to `recipient`, as written.
    pub async fn newest_email(&self, recipient: &str) -> String {
        let suffix = format!("-{recipient}.eml");
        let path = self
            .emails()
            .await
            .into_iter()
            .rev()
            .find(|path| path.to_string_lossy().ends_with(&suffix))
            .unwrap_or_else(|| panic!("no email to {recipient}"));
        std::fs::read_to_string(path).expect("readable email")
    }

    /// The token of the newest verification link sent to `recipient`.
    pub async fn newest_token(&self, recipient: &str) -> String {
        token_in(&self.newest_email(recipient).await)
    }
}

/// Where the reset links of the test configuration point.
pub const RESET_LINK: &str = "http://127.0.0.1:3000/reset-password?token=";

/// The token of the link starting with `prefix` on a line of its own.
pub fn link_token(email: &str, prefix: &str) -> String {
    let line = email
        .lines()
        .find(|line| line.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} link on a line of its own in:\n{email}"));
    line[prefix.len()..].to_owned()
}

/// The token of the link to `/verify` in an email.
pub fn token_in(email: &str) -> String {
    let line = email
        .lines()
        .find(|line| line.starts_with("http://127.0.0.1:3000/verify?token="))
        .unwrap_or_else(|| panic!("no link on a line of its own in:\n{email}"));
    line["http://127.0.0.1:3000/verify?token=".len()..].to_owned()
}

trait BodyJson {
    fn body_json(self, body: &Value) -> Request<Body>;
}

impl BodyJson for axum::http::request::Builder {
    fn body_json(self, body: &Value) -> Request<Body> {
        self.body(Body::from(body.to_string()))
            .expect("valid request")
    }
}

/// A sign-in from the peer address `ip` (IPv4 or IPv6), with extra
/// headers (`cookie`, `x-forwarded-for`).
pub fn login_request(
    ip: &str,
    email: &str,
    password: &str,
    headers: &[(&str, &str)],
) -> Request<Body> {
    let body = json!({"email": email, "password": password});
    let ip: std::net::IpAddr = ip.parse().expect("valid address");
    let peer = SocketAddr::new(ip, 50000);
    let mut request =
        post_request(tandem_api::paths::AUTH_LOGIN, None).extension(ConnectInfo(peer));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body_json(&body)
}

pub fn post_request(path: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    let mut request = Request::post(path).header("content-type", "application/json");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request
}

/// A JSON `POST` with extra headers.
pub fn post_with_headers(path: &str, body: &Value, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = post_request(path, None);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body_json(body)
}

/// The raw `Set-Cookie` of the session cookie (under either name).
pub fn set_cookie(response: &Response<Body>) -> Option<String> {
    set_cookie_named(response, "tandem_session")
        .or_else(|| set_cookie_named(response, "__Host-tandem_session"))
}

/// The raw `Set-Cookie` of the cookie called `name`.
pub fn set_cookie_named(response: &Response<Body>, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&prefix))
        .map(str::to_owned)
}

/// `name=value` of the cookie called `name`, as a browser sends it back.
pub fn cookie_pair(response: &Response<Body>, name: &str) -> Option<String> {
    set_cookie_named(response, name)
        .and_then(|value| value.split(';').next().map(str::to_owned))
        .filter(|pair| !pair.ends_with('='))
}

/// `tandem_session=…`, as a browser would send it back.
pub fn session_cookie(response: &Response<Body>) -> Option<String> {
    set_cookie(response)
        .and_then(|value| value.split(';').next().map(str::to_owned))
        .filter(|pair| pair != "tandem_session=")
}

/// The session id inside a `tandem_session=…` cookie.
pub fn session_id(cookie: &str) -> &str {
    cookie.trim_start_matches("tandem_session=")
}
