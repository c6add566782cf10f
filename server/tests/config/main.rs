//! The configuration: read once from the environment, typed and
//! validated; a bad value names its variable and never prints a secret.

use std::collections::HashMap;
use tandem_server::config::{
    Config, ConfigError, DatabaseEngine, LogFormat, Mode, DEFAULT_MAX_CONNECTIONS, MIN_SECRET_CHARS,
};

pub(crate) fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<&str, &str> = vars.iter().copied().collect();
    Config::from_lookup(|name| map.get(name))
}

pub(crate) fn strong_secret() -> String {
    "k".repeat(MIN_SECRET_CHARS + 8)
}

pub(crate) fn message(result: Result<Config, ConfigError>) -> String {
    match result {
        Ok(config) => panic!("expected a configuration error, got {config:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn defaults_are_production_without_calls() {
    let config = load(&[]).expect("defaults are valid");
    assert_eq!(config.mode, Mode::Production);
    assert_eq!(config.bind_addr.to_string(), "127.0.0.1:3000");
    assert_eq!(config.public_url.as_str(), "http://127.0.0.1:3000/");
    assert_eq!(
        config.database.sqlite_path(),
        Some(std::path::Path::new("data/tandem.db"))
    );
    assert_eq!(config.static_dir, std::path::Path::new("dist"));
    assert!(config.livekit.is_none());
    assert_eq!(config.mail.from.to_string(), "Tandem <no-reply@localhost>");
    assert!(config.mail.smtp.is_none());
    assert_eq!(config.mail.outbox_dir, std::path::Path::new("data/outbox"));
}

#[test]
fn dev_mode_defaults_to_the_local_livekit_dev_server() {
    let config = load(&[("TANDEM_MODE", "dev")]).expect("dev defaults are valid");
    assert_eq!(config.mode, Mode::Dev);
    let livekit = config.livekit.expect("dev mode has LiveKit");
    assert_eq!(livekit.url, "ws://127.0.0.1:7880");
    assert_eq!(livekit.api_key, "devkey");
    assert_eq!(livekit.api_secret.expose(), "secret");
}

#[test]
fn a_partial_livekit_set_is_refused() {
    let secret = strong_secret();
    for mode in ["dev", "production"] {
        let result = load(&[
            ("TANDEM_MODE", mode),
            ("LIVEKIT_URL", "wss://tandem.livekit.cloud"),
            ("LIVEKIT_API_SECRET", &secret),
        ]);
        assert_eq!(
            result.as_ref().err(),
            Some(&ConfigError::LiveKitPartial("LIVEKIT_API_KEY".into())),
            "{mode}"
        );
        assert!(message(result).contains("must be set together"));
    }
}

#[test]
fn livekit_url_needs_a_websocket_or_http_scheme() {
    let secret = strong_secret();
    for bad in ["ftp://livekit.example.com", "livekit.example.com", "wss://"] {
        let result = load(&[
            ("LIVEKIT_URL", bad),
            ("LIVEKIT_API_KEY", "APIkey"),
            ("LIVEKIT_API_SECRET", &secret),
        ]);
        assert!(message(result).contains("LIVEKIT_URL"), "{bad}");
    }
}

#[test]
fn unknown_mode_is_refused() {
    for bad in ["development", "prod", "DEV"] {
        let text = message(load(&[("TANDEM_MODE", bad)]));
        assert!(text.contains("TANDEM_MODE"), "{text}");
    }
}

#[test]
fn bind_addr_and_public_url_are_checked() {
    assert!(message(load(&[("BIND_ADDR", "localhost")])).contains("BIND_ADDR"));
    for bad in [
        "tandem.example.com",
        "ftp://tandem.example.com",
        "/relative",
    ] {
        assert!(
            message(load(&[("PUBLIC_URL", bad)])).contains("PUBLIC_URL"),
            "{bad}"
        );
    }
    let config = load(&[("PUBLIC_URL", "https://tandem.example.com")]).expect("valid");
    assert_eq!(config.public_url.scheme(), "https");
}

#[test]
fn empty_values_count_as_unset() {
    let config = load(&[
        ("TANDEM_MODE", ""),
        ("LIVEKIT_URL", " "),
        ("LIVEKIT_API_KEY", ""),
        ("LIVEKIT_API_SECRET", ""),
    ])
    .expect("empty values fall back to defaults");
    assert_eq!(config.mode, Mode::Production);
    assert!(config.livekit.is_none());
}

#[test]
fn outside_dev_mode_an_http_public_url_must_be_loopback() {
    for bad in [
        "http://tandem.example.com",
        "http://192.0.2.10:3000",
        "http://[2001:db8::1]:3000",
        "http://localhost.example.com",
    ] {
        let result = load(&[("PUBLIC_URL", bad)]);
        assert!(
            matches!(result, Err(ConfigError::InsecurePublicUrl(_))),
            "{bad}: {result:?}"
        );
        let text = message(result);
        assert!(text.contains("PUBLIC_URL"), "{text}");
        assert!(text.contains("https://"), "{text}");
    }
    for good in [
        "http://127.0.0.1:3000",
        "http://127.8.9.10",
        "http://[::1]:3000",
        "http://localhost:8080",
        "http://LOCALHOST",
        "https://tandem.example.com",
        "https://192.0.2.10",
    ] {
        assert!(load(&[("PUBLIC_URL", good)]).is_ok(), "{good}");
    }
    // Dev mode may use any http address (a phone on the local network).
    let config = load(&[
        ("TANDEM_MODE", "dev"),
        ("PUBLIC_URL", "http://192.168.1.20:8080"),
    ])
    .expect("dev mode allows http");
    assert_eq!(config.public_url.scheme(), "http");
}

mod database;
mod limits;
mod mail;
mod observability;
mod secrets;
