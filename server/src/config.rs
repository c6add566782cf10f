//! The server's configuration: read once at start from environment
//! variables, validated, and kept in a typed struct.

use sqlx::sqlite::SqliteConnectOptions;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use thiserror::Error;
use url::Url;

pub const DEFAULT_BIND_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:3000";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/tandem.db";
pub const DEFAULT_STATIC_DIR: &str = "dist";

/// The local `livekit-server --dev` instance and its published credentials,
/// used in dev mode when no LiveKit variable is set.
pub const DEV_LIVEKIT_URL: &str = "ws://127.0.0.1:7880";
pub const DEV_LIVEKIT_API_KEY: &str = "devkey";
pub const DEV_LIVEKIT_API_SECRET: &str = "secret";

/// Shortest LiveKit API secret accepted outside dev mode.
pub const MIN_SECRET_CHARS: usize = 32;

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

/// Where the LiveKit server is and how to sign requests and tokens for it.
#[derive(Debug, Clone)]
pub struct LiveKitConfig {
    /// `ws://`, `wss://`, `http://` or `https://`; browsers get it as is.
    pub url: String,
    pub api_key: String,
    pub api_secret: Secret,
}

impl LiveKitConfig {
    /// The local `livekit-server --dev`.
    pub fn dev() -> Self {
        Self {
            url: DEV_LIVEKIT_URL.to_owned(),
            api_key: DEV_LIVEKIT_API_KEY.to_owned(),
            api_secret: Secret::new(DEV_LIVEKIT_API_SECRET),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub mode: Mode,
    /// The address the server listens on.
    pub bind_addr: SocketAddr,
    /// Where users reach the app (links in emails, the `Secure` cookie flag).
    pub public_url: Url,
    /// The SQLite database, as given by `DATABASE_URL`.
    pub database: SqliteConnectOptions,
    /// The built single-page app.
    pub static_dir: PathBuf,
    /// `None`: video calls are not configured.
    pub livekit: Option<LiveKitConfig>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    #[error("TANDEM_MODE must be `dev` or `production`, not {0:?}")]
    Mode(String),
    #[error("BIND_ADDR must be an IP address and port such as 127.0.0.1:3000, not {0:?}")]
    BindAddr(String),
    #[error("PUBLIC_URL must be an absolute http:// or https:// URL such as https://tandem.example.com, not {0:?}")]
    PublicUrl(String),
    #[error("DATABASE_URL must be a SQLite URL such as sqlite://data/tandem.db: {0}")]
    DatabaseUrl(String),
    #[error("LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set together or not at all; missing: {0}")]
    LiveKitPartial(String),
    #[error("LIVEKIT_URL must be a ws://, wss://, http:// or https:// URL such as wss://tandem.livekit.cloud, not {0:?}")]
    LiveKitUrl(String),
    #[error("LIVEKIT_API_SECRET is `secret`, the public secret of LiveKit's dev server; outside dev mode use the real secret of your LiveKit project")]
    DevSecret,
    #[error("LIVEKIT_API_SECRET is too short ({0} characters): outside dev mode it must have at least {MIN_SECRET_CHARS}, since anyone who guesses it can join every call")]
    WeakSecret(usize),
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
        let database = parse_database_url(var("DATABASE_URL"))?;
        let static_dir =
            PathBuf::from(var("STATIC_DIR").unwrap_or_else(|| DEFAULT_STATIC_DIR.into()));
        let livekit = parse_livekit(
            mode,
            var("LIVEKIT_URL"),
            var("LIVEKIT_API_KEY"),
            var("LIVEKIT_API_SECRET"),
        )?;

        Ok(Self {
            mode,
            bind_addr,
            public_url,
            database,
            static_dir,
            livekit,
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

fn parse_public_url(value: Option<String>) -> Result<Url, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_PUBLIC_URL.into());
    match Url::parse(&value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(url),
        _ => Err(ConfigError::PublicUrl(value)),
    }
}

fn parse_database_url(value: Option<String>) -> Result<SqliteConnectOptions, ConfigError> {
    let value = value.unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
    // `SqliteConnectOptions` takes any text after an optional `sqlite:` as a
    // file name, so the scheme is checked here. The value itself is not
    // repeated in the message: a URL of another database may hold a password.
    let Some(rest) = value.strip_prefix("sqlite:") else {
        return Err(ConfigError::DatabaseUrl(
            "it does not start with sqlite:".into(),
        ));
    };
    let database = rest.trim_start_matches("//");
    if database.is_empty() || database.starts_with('?') {
        return Err(ConfigError::DatabaseUrl("it names no database file".into()));
    }
    SqliteConnectOptions::from_str(&value)
        .map_err(|error| ConfigError::DatabaseUrl(error.to_string()))
}

fn parse_livekit(
    mode: Mode,
    url: Option<String>,
    api_key: Option<String>,
    api_secret: Option<String>,
) -> Result<Option<LiveKitConfig>, ConfigError> {
    let (url, api_key, api_secret) = match (url, api_key, api_secret) {
        (Some(url), Some(key), Some(secret)) => (url, key, secret),
        (None, None, None) if mode == Mode::Dev => return Ok(Some(LiveKitConfig::dev())),
        (None, None, None) => return Ok(None),
        (url, key, secret) => {
            let missing: Vec<&str> = [
                ("LIVEKIT_URL", url.is_none()),
                ("LIVEKIT_API_KEY", key.is_none()),
                ("LIVEKIT_API_SECRET", secret.is_none()),
            ]
            .into_iter()
            .filter_map(|(name, is_missing)| is_missing.then_some(name))
            .collect();
            return Err(ConfigError::LiveKitPartial(missing.join(", ")));
        }
    };

    match Url::parse(&url) {
        Ok(parsed)
            if matches!(parsed.scheme(), "ws" | "wss" | "http" | "https") && parsed.has_host() => {}
        _ => return Err(ConfigError::LiveKitUrl(url)),
    }

    if mode != Mode::Dev {
        if api_secret == DEV_LIVEKIT_API_SECRET {
            return Err(ConfigError::DevSecret);
        }
        let chars = api_secret.chars().count();
        if chars < MIN_SECRET_CHARS {
            return Err(ConfigError::WeakSecret(chars));
        }
    }

    Ok(Some(LiveKitConfig {
        url,
        api_key,
        api_secret: Secret::new(api_secret),
    }))
}
