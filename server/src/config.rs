//! The server's configuration: read once at start from environment
//! variables, validated, and kept in a typed struct.

use ipnet::IpNet;
use lettre::message::Mailbox;
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::Tokio1Executor;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use thiserror::Error;
use url::Url;

use crate::request_limits::HttpLimits;

mod database;
mod livekit;
pub use database::{
    parse as parse_database, DatabaseConfig, DatabaseEngine, DEFAULT_DATABASE_URL,
    DEFAULT_MAX_CONNECTIONS,
};
pub use livekit::LiveKitConfig;

pub const DEFAULT_BIND_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:3000";
pub const DEFAULT_STATIC_DIR: &str = "dist";
pub const DEFAULT_MAIL_FROM: &str = "Tandem <no-reply@localhost>";
pub const DEFAULT_OUTBOX_DIR: &str = "data/outbox";

/// The local `livekit-server --dev` instance and its published credentials,
/// used in dev mode when no LiveKit variable is set.
pub const DEV_LIVEKIT_URL: &str = "ws://127.0.0.1:7880";
pub const DEV_LIVEKIT_API_KEY: &str = "devkey";
pub const DEV_LIVEKIT_API_SECRET: &str = "secret";

/// How long the SMTP relay may take for each step of sending, while the
/// person who asked for the email waits.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// Shortest LiveKit API secret accepted outside dev mode.
pub const MIN_SECRET_CHARS: usize = 32;

/// The most password hashes `PASSWORD_HASH_CONCURRENCY` may allow at once.
pub const MAX_PASSWORD_HASH_CONCURRENCY: usize = 256;

/// A session unused for this long ends, unless `SESSION_IDLE_TIMEOUT` says
/// otherwise.
pub const DEFAULT_SESSION_IDLE_TIMEOUT: Duration = Duration::from_secs(12 * 60 * 60);

/// The range `SESSION_IDLE_TIMEOUT` may take: a minute to the sessions'
/// lifetime of fourteen days.
pub const MIN_SESSION_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
pub const MAX_SESSION_IDLE_TIMEOUT: Duration = Duration::from_secs(14 * 24 * 60 * 60);
/// Registrations accepted from one client address per rolling hour.
pub const DEFAULT_REGISTRATION_LIMIT_PER_HOUR: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Local development: demo data, and the local LiveKit dev server by default.
    Dev,
    Production,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dev => "dev",
            Self::Production => "production",
        }
    }
}

/// How log lines are written (`LOG_FORMAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value that must never appear in logs: its `Debug` prints `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The SMTP relay of `SMTP_URL`, ready to send. Its URL may hold the
/// relay's password, so its `Debug` shows nothing of it.
#[derive(Clone)]
pub struct SmtpRelay(AsyncSmtpTransport<Tokio1Executor>);

impl SmtpRelay {
    pub fn transport(&self) -> &AsyncSmtpTransport<Tokio1Executor> {
        &self.0
    }
}

impl fmt::Debug for SmtpRelay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SmtpRelay([redacted])")
    }
}

/// How emails leave the server.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The `From` of every message.
    pub from: Mailbox,
    /// From `SMTP_URL`: send over SMTP.
    pub smtp: Option<SmtpRelay>,
    /// Without SMTP, every message is written here as an `.eml` file.
    pub outbox_dir: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub mode: Mode,
    /// The address the server listens on.
    pub bind_addr: SocketAddr,
    /// Where users reach the app (links in emails, the `Secure` cookie flag).
    pub public_url: Url,
    /// The database, as given by `DATABASE_URL`.
    pub database: DatabaseConfig,
    /// The built single-page app.
    pub static_dir: PathBuf,
    /// `None`: video calls are not configured.
    pub livekit: Option<LiveKitConfig>,
    pub mail: MailConfig,
    /// From `TRUSTED_PROXIES`: the reverse proxies whose `X-Forwarded-For`
    /// is believed (none by default).
    pub trusted_proxies: Vec<IpNet>,
    /// From `PASSWORD_HASH_CONCURRENCY`: how many password hashes this
    /// process computes at once (the machine's parallelism by default).
    pub password_hash_concurrency: usize,
    /// From `SESSION_IDLE_TIMEOUT`: a session unused this long ends.
    pub session_idle_timeout: Duration,
    /// Most registration requests from one client address per rolling hour.
    pub registration_limit_per_hour: u32,
    /// Request body, time and concurrency limits.
    pub http_limits: HttpLimits,
    /// From `METRICS_ADDR`: where this process serves its Prometheus
    /// metrics; `None` (the default) serves none.
    pub metrics_addr: Option<SocketAddr>,
    /// From `LOG_FORMAT`: text (the default) or JSON lines.
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("TANDEM_MODE must be `dev` or `production`, not {0:?}")]
    Mode(String),
    #[error("BIND_ADDR must be an IP address and port such as 127.0.0.1:3000, not {0:?}")]
    BindAddr(String),
    #[error("PUBLIC_URL must be an absolute http:// or https:// URL such as https://tandem.example.com, not {0:?}")]
    PublicUrl(String),
    #[error("DATABASE_URL must be a SQLite URL such as sqlite://data/tandem.db or a PostgreSQL URL such as postgres://tandem@db.internal/tandem: {0} (the value is not repeated here, it may hold a password)")]
    DatabaseUrl(String),
    #[error("DATABASE_MAX_CONNECTIONS must be a whole number from 1 to 1000, not {0:?}")]
    DatabaseMaxConnections(String),
    #[error("LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set together or not at all; missing: {0}")]
    LiveKitPartial(String),
    #[error("LIVEKIT_URL must be a ws://, wss://, http:// or https:// URL such as wss://tandem.livekit.cloud, not {0:?}")]
    LiveKitUrl(String),
    #[error("LIVEKIT_API_SECRET is `secret`, the public secret of LiveKit's dev server; outside dev mode use the real secret of your LiveKit project")]
    DevSecret,
    #[error("LIVEKIT_API_SECRET is too short ({0} characters): outside dev mode it must have at least {MIN_SECRET_CHARS}, since anyone who guesses it can join every call")]
    WeakSecret(usize),
    #[error("SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.org: {0} (the value is not repeated here, it may hold a password)")]
    SmtpUrl(String),
    #[error("MAIL_FROM must be an address such as `Tandem <no-reply@example.com>`, not {0:?}")]
    MailFrom(String),
    #[error("PUBLIC_URL is {0:?}: outside dev mode it must be https://, unless its host is a loopback address (127.0.0.1, ::1, localhost), since session cookies would travel in the clear")]
    InsecurePublicUrl(String),
    #[error("TRUSTED_PROXIES must be a comma-separated list of addresses or networks such as 10.0.0.0/8, 2001:db8::/32: {0}")]
    TrustedProxies(String),
    #[error("PASSWORD_HASH_CONCURRENCY must be a whole number from 1 to {MAX_PASSWORD_HASH_CONCURRENCY}, not {0:?}")]
    PasswordHashConcurrency(String),
    #[error("SESSION_IDLE_TIMEOUT must be a duration from 1 minute to 14 days, such as 12h, 90min or 30 (minutes), not {0:?}")]
    SessionIdleTimeout(String),
    #[error("REGISTRATION_LIMIT_PER_HOUR must be a whole number from 1 to 1000000, not {0:?}")]
    RegistrationLimit(String),
    #[error("METRICS_ADDR must be an IP address and port such as 127.0.0.1:9100, not {0:?}")]
    MetricsAddr(String),
    #[error(
        "METRICS_ADDR is {0}, the address of BIND_ADDR: the metrics need an address of their own"
    )]
    MetricsAddrIsBindAddr(SocketAddr),
    #[error("LOG_FORMAT must be `text` or `json`, not {0:?}")]
    LogFormat(String),
    #[error("{name} must be a whole number from {min} to {max}, not {value:?}")]
    Limit {
        name: &'static str,
        value: String,
        min: u64,
        max: u64,
    },
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| {
            std::env::var_os(name).map(|value| value.to_string_lossy().into_owned())
        })
    }

    /// Reads variables through `lookup`, which returns a variable's value or
    /// `None` when it is not set. An empty value counts as not set.
    pub fn from_lookup<F, S>(lookup: F) -> Result<Self, ConfigError>
    where
        F: Fn(&str) -> Option<S>,
        S: AsRef<str>,
    {
        let var = |name: &str| {
            lookup(name)
                .map(|value| value.as_ref().trim().to_owned())
                .filter(|value| !value.is_empty())
        };

        let mode = parse_mode(var("TANDEM_MODE"))?;
        let bind_addr = parse_bind_addr(var("BIND_ADDR"))?;
        let public_url = parse_public_url(var("PUBLIC_URL"))?;
        let database = database::parse(var("DATABASE_URL"), var("DATABASE_MAX_CONNECTIONS"))?;
        let static_dir =
            PathBuf::from(var("STATIC_DIR").unwrap_or_else(|| DEFAULT_STATIC_DIR.into()));
        let livekit = livekit::parse(
            mode,
            var("LIVEKIT_URL"),
            var("LIVEKIT_API_KEY"),
            var("LIVEKIT_API_SECRET"),
        )?;
        let mail = MailConfig {
            from: parse_mail_from(var("MAIL_FROM"))?,
            smtp: parse_smtp_url(var("SMTP_URL"))?,
            outbox_dir: PathBuf::from(
                var("OUTBOX_DIR").unwrap_or_else(|| DEFAULT_OUTBOX_DIR.into()),
            ),
        };
        let http_limits = parse_http_limits(&var)?;

        if mode != Mode::Dev && !is_safe_public_url(&public_url) {
            return Err(ConfigError::InsecurePublicUrl(public_url.to_string()));
        }
        let trusted_proxies = crate::auth::client_ip::parse_trusted_proxies(
            &var("TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(ConfigError::TrustedProxies)?;
        let password_hash_concurrency =
            parse_password_hash_concurrency(var("PASSWORD_HASH_CONCURRENCY"))?;
        let session_idle_timeout = parse_session_idle_timeout(var("SESSION_IDLE_TIMEOUT"))?;
        let registration_limit_per_hour =
            parse_registration_limit(var("REGISTRATION_LIMIT_PER_HOUR"))?;
        let metrics_addr = parse_metrics_addr(var("METRICS_ADDR"), bind_addr)?;
        let log_format = parse_log_format(var("LOG_FORMAT"))?;

        Ok(Self {
            mode,
            bind_addr,
            public_url,
            database,
            static_dir,
            livekit,
            mail,
            trusted_proxies,
            password_hash_concurrency,
            session_idle_timeout,
            registration_limit_per_hour,
            http_limits,
            metrics_addr,
            log_format,
        })
    }
}

fn parse_mode(value: Option<String>) -> Result<Mode, ConfigError> {
    match value.as_deref() {
        None | Some("production") => Ok(Mode::Production),
        Some("dev") => Ok(Mode::Dev),
        Some(other) => Err(ConfigError::Mode(other.to_owned())),
    }
}

fn parse_bind_addr(value: Option<String>) -> Result<SocketAddr, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_BIND_ADDR.into());
    value.parse().map_err(|_| ConfigError::BindAddr(value))
}

/// An address of its own: not BIND_ADDR's, nor one that shares its port
/// when either listens on every interface (port 0 asks the system for a
/// free port, so it never clashes).
fn parse_metrics_addr(
    value: Option<String>,
    bind_addr: SocketAddr,
) -> Result<Option<SocketAddr>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let addr: SocketAddr = value.parse().map_err(|_| ConfigError::MetricsAddr(value))?;
    let same_port = addr.port() != 0 && addr.port() == bind_addr.port();
    let same_ip = addr.ip() == bind_addr.ip()
        || addr.ip().is_unspecified()
        || bind_addr.ip().is_unspecified();
    if same_port && same_ip {
        return Err(ConfigError::MetricsAddrIsBindAddr(addr));
    }
    Ok(Some(addr))
}

fn parse_log_format(value: Option<String>) -> Result<LogFormat, ConfigError> {
    match value.as_deref() {
        None | Some("text") => Ok(LogFormat::Text),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => Err(ConfigError::LogFormat(other.to_owned())),
    }
}

fn parse_public_url(value: Option<String>) -> Result<Url, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_PUBLIC_URL.into());
    match Url::parse(&value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(url),
        _ => Err(ConfigError::PublicUrl(value)),
    }
}

fn parse_mail_from(value: Option<String>) -> Result<Mailbox, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_MAIL_FROM.into());
    value.parse().map_err(|_| ConfigError::MailFrom(value))
}

fn parse_registration_limit(value: Option<String>) -> Result<u32, ConfigError> {
    let Some(value) = value else {
        return Ok(DEFAULT_REGISTRATION_LIMIT_PER_HOUR);
    };
    match value.parse::<u32>() {
        Ok(limit) if (1..=1_000_000).contains(&limit) => Ok(limit),
        _ => Err(ConfigError::RegistrationLimit(value)),
    }
}

fn parse_smtp_url(value: Option<String>) -> Result<Option<SmtpRelay>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let refuse = |reason: &str| Err(ConfigError::SmtpUrl(reason.to_owned()));
    match Url::parse(&value) {
        Err(_) => return refuse("it is not a URL"),
        Ok(url) if !matches!(url.scheme(), "smtp" | "smtps") => {
            return refuse("its scheme is neither smtp nor smtps")
        }
        Ok(url) if !url.has_host() => return refuse("it names no host"),
        Ok(_) => {}
    }
    // lettre's own reading of the URL; its errors name the part it refused
    // (scheme, `tls` parameter), never the credentials.
    match AsyncSmtpTransport::<Tokio1Executor>::from_url(&value) {
        Ok(builder) => Ok(Some(SmtpRelay(builder.timeout(Some(SMTP_TIMEOUT)).build()))),
        Err(error) => refuse(&error.to_string()),
    }
}

/// `https`, or `http` to a loopback host (the server's own machine).
fn is_safe_public_url(url: &Url) -> bool {
    match url.host() {
        _ if url.scheme() == "https" => true,
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

fn parse_password_hash_concurrency(value: Option<String>) -> Result<usize, ConfigError> {
    let Some(value) = value else {
        return Ok(std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get));
    };
    match value.parse::<usize>() {
        Ok(n) if (1..=MAX_PASSWORD_HASH_CONCURRENCY).contains(&n) => Ok(n),
        _ => Err(ConfigError::PasswordHashConcurrency(value)),
    }
}

/// A humantime duration (`12h`, `90min`, `1h 30m`, `7days`), or a whole
/// number of minutes.
fn parse_session_idle_timeout(value: Option<String>) -> Result<Duration, ConfigError> {
    let Some(value) = value else {
        return Ok(DEFAULT_SESSION_IDLE_TIMEOUT);
    };
    let parsed = match value.parse::<u64>() {
        Ok(minutes) => minutes.checked_mul(60).map(Duration::from_secs),
        Err(_) => humantime::parse_duration(&value).ok(),
    };
    let range = MIN_SESSION_IDLE_TIMEOUT..=MAX_SESSION_IDLE_TIMEOUT;
    match parsed {
        Some(timeout) if range.contains(&timeout) => Ok(timeout),
        _ => Err(ConfigError::SessionIdleTimeout(value)),
    }
}

fn parse_http_limits(var: &dyn Fn(&str) -> Option<String>) -> Result<HttpLimits, ConfigError> {
    let defaults = HttpLimits::default();
    let number = |name: &'static str, default: u64, min: u64, max: u64| match var(name) {
        None => Ok(default),
        Some(value) => match value.parse::<u64>() {
            Ok(number) if (min..=max).contains(&number) => Ok(number),
            _ => Err(ConfigError::Limit {
                name,
                value,
                min,
                max,
            }),
        },
    };
    let request_timeout = number(
        "REQUEST_TIMEOUT_SECS",
        defaults.request_timeout.as_secs(),
        1,
        600,
    )?;
    let header_read_timeout = number(
        "HEADER_READ_TIMEOUT_SECS",
        defaults.header_read_timeout.as_secs(),
        1,
        600,
    )?;
    let max_concurrent = number(
        "MAX_CONCURRENT_REQUESTS",
        defaults.max_concurrent_requests as u64,
        1,
        100_000,
    )?;
    Ok(HttpLimits {
        request_timeout: Duration::from_secs(request_timeout),
        header_read_timeout: Duration::from_secs(header_read_timeout),
        max_concurrent_requests: usize::try_from(max_concurrent)
            .unwrap_or(defaults.max_concurrent_requests),
    })
}
