use std::collections::HashMap;
use tandem_server::config::{
    Config, ConfigError, DatabaseEngine, LogFormat, Mode, DEFAULT_MAX_CONNECTIONS, MIN_SECRET_CHARS,
};

fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<&str, &str> = vars.iter().copied().collect();
    Config::from_lookup(|name| map.get(name))
}

fn strong_secret() -> String {
    "k".repeat(MIN_SECRET_CHARS + 8)
}

fn message(result: Result<Config, ConfigError>) -> String {
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
fn malformed_database_url_names_the_variable() {
    for bad in [
        "postgres//oops",
        "not a url",
        "mysql://user:pw@host/db",
        "postgres://user:pw@host:notaport/db",
        "sqlite://",
    ] {
        let text = message(load(&[("DATABASE_URL", bad)]));
        assert!(text.contains("DATABASE_URL"), "{bad:?}: {text}");
        assert!(!text.contains("pw@"), "the value is not repeated: {text}");
    }
}

#[test]
fn postgres_urls_are_accepted_and_never_printed_with_their_password() {
    for good in [
        "postgres://tandem:pw@db.internal:5432/tandem",
        "postgresql://tandem:pw@127.0.0.1/tandem?sslmode=require",
    ] {
        let config = load(&[("DATABASE_URL", good)]).expect("valid postgres url");
        assert_eq!(config.database.engine, DatabaseEngine::Postgres);
        assert_eq!(config.database.sqlite_path(), None);
        assert_eq!(config.database.max_connections, DEFAULT_MAX_CONNECTIONS);
        let printed = format!("{config:?}");
        assert!(!printed.contains(":pw@"), "{printed}");
        assert!(printed.contains("tandem:****@"), "{printed}");
    }
}

#[test]
fn database_max_connections_is_a_bounded_number() {
    let config = load(&[("DATABASE_MAX_CONNECTIONS", "40")]).expect("valid");
    assert_eq!(config.database.max_connections, 40);
    for bad in ["0", "1001", "many", "-3"] {
        let text = message(load(&[("DATABASE_MAX_CONNECTIONS", bad)]));
        assert!(text.contains("DATABASE_MAX_CONNECTIONS"), "{bad:?}: {text}");
    }
}

#[test]
fn sqlite_urls_are_accepted() {
    for good in [
        "sqlite://data/other.db",
        "sqlite:other.db",
        "sqlite://data/x.db?mode=rwc",
    ] {
        assert!(load(&[("DATABASE_URL", good)]).is_ok(), "{good}");
    }
}

#[test]
fn short_secret_is_refused_outside_dev_mode() {
    let result = load(&[
        ("LIVEKIT_URL", "wss://tandem.livekit.cloud"),
        ("LIVEKIT_API_KEY", "APIkey"),
        ("LIVEKIT_API_SECRET", "too-short-to-be-safe"),
    ]);
    assert_eq!(result.as_ref().err(), Some(&ConfigError::WeakSecret(20)));
    let text = message(result);
    assert!(text.contains("LIVEKIT_API_SECRET"), "{text}");
    assert!(text.contains("at least 32"), "{text}");
}

#[test]
fn the_dev_secret_is_refused_outside_dev_mode() {
    let result = load(&[
        ("TANDEM_MODE", "production"),
        ("LIVEKIT_URL", "ws://127.0.0.1:7880"),
        ("LIVEKIT_API_KEY", "devkey"),
        ("LIVEKIT_API_SECRET", "secret"),
    ]);
    assert_eq!(result.as_ref().err(), Some(&ConfigError::DevSecret));
    assert!(message(result).contains("LIVEKIT_API_SECRET"));
}

#[test]
fn dev_mode_accepts_the_dev_secret_explicitly() {
    let config = load(&[
        ("TANDEM_MODE", "dev"),
        ("LIVEKIT_URL", "ws://127.0.0.1:7881"),
        ("LIVEKIT_API_KEY", "devkey"),
        ("LIVEKIT_API_SECRET", "secret"),
    ])
    .expect("dev mode accepts weak secrets");
    assert_eq!(
        config.livekit.map(|l| l.url).as_deref(),
        Some("ws://127.0.0.1:7881")
    );
}

#[test]
fn a_strong_secret_is_accepted_in_production() {
    let secret = strong_secret();
    let config = load(&[
        ("LIVEKIT_URL", "wss://tandem.livekit.cloud"),
        ("LIVEKIT_API_KEY", "APIkey"),
        ("LIVEKIT_API_SECRET", &secret),
    ])
    .expect("valid LiveKit settings");
    let livekit = config.livekit.expect("calls are configured");
    assert_eq!(livekit.api_secret.expose(), secret);
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
fn debug_output_hides_the_secret() {
    let secret = strong_secret();
    let config = load(&[
        ("LIVEKIT_URL", "wss://tandem.livekit.cloud"),
        ("LIVEKIT_API_KEY", "APIkey"),
        ("LIVEKIT_API_SECRET", &secret),
    ])
    .expect("valid");
    let debug = format!("{config:?}");
    assert!(!debug.contains(&secret), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
    assert!(debug.contains("APIkey"), "{debug}");
}

#[test]
fn smtp_urls_are_read_and_their_password_never_shown() {
    for good in [
        "smtps://user:hunter2-pw@smtp.example.org",
        "smtp://user:hunter2-pw@smtp.example.org:2525?tls=required",
        "smtp://127.0.0.1:1025",
    ] {
        let config = load(&[("SMTP_URL", good)]).expect("valid SMTP_URL");
        assert!(config.mail.smtp.is_some(), "{good}");
        let debug = format!("{config:?}");
        assert!(!debug.contains("hunter2-pw"), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
    }
}

#[test]
fn malformed_smtp_url_names_the_variable_but_not_the_value() {
    for bad in [
        "user:hunter2-pw@smtp.example.org",
        "https://user:hunter2-pw@smtp.example.org",
        "smtp://user:hunter2-pw@smtp.example.org?tls=sometimes",
        "smtps://",
        "not a url hunter2-pw",
    ] {
        let text = message(load(&[("SMTP_URL", bad)]));
        assert!(text.contains("SMTP_URL"), "{bad:?}: {text}");
        assert!(!text.contains("hunter2-pw"), "{bad:?}: {text}");
    }
}

#[test]
fn mail_from_and_outbox_dir_are_read() {
    let config = load(&[
        ("MAIL_FROM", "Tandem <hello@tandem.example.com>"),
        ("OUTBOX_DIR", "mail/outbox"),
    ])
    .expect("valid");
    assert_eq!(
        config.mail.from.email.to_string(),
        "hello@tandem.example.com"
    );
    assert_eq!(config.mail.outbox_dir, std::path::Path::new("mail/outbox"));

    for bad in ["not an address", "Tandem <>", "a@b@c"] {
        let text = message(load(&[("MAIL_FROM", bad)]));
        assert!(text.contains("MAIL_FROM"), "{bad:?}: {text}");
    }
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

#[test]
fn the_abuse_limits_have_safe_defaults() {
    let config = load(&[]).expect("defaults are valid");
    assert!(config.trusted_proxies.is_empty());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(config.password_hash_concurrency, cores);
    assert_eq!(
        config.session_idle_timeout,
        std::time::Duration::from_secs(12 * 60 * 60)
    );
}

#[test]
fn trusted_proxies_are_read_and_checked() {
    let config = load(&[("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,fd00::/8")]).expect("valid");
    let shown: Vec<String> = config
        .trusted_proxies
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(shown, ["10.0.0.0/8", "127.0.0.1/32", "fd00::/8"]);

    for bad in [
        "10.0.0.0/40",
        "proxy.internal",
        "10.0.0.1/8",
        "10.0.0.0/8 192.0.2.1",
    ] {
        let result = load(&[("TRUSTED_PROXIES", bad)]);
        assert!(
            matches!(result, Err(ConfigError::TrustedProxies(_))),
            "{bad}: {result:?}"
        );
        assert!(message(result).contains("TRUSTED_PROXIES"), "{bad}");
    }
}

#[test]
fn password_hash_concurrency_is_a_small_positive_number() {
    let config = load(&[("PASSWORD_HASH_CONCURRENCY", "3")]).expect("valid");
    assert_eq!(config.password_hash_concurrency, 3);
    for bad in ["0", "-1", "two", "1.5", "100000"] {
        let text = message(load(&[("PASSWORD_HASH_CONCURRENCY", bad)]));
        assert!(text.contains("PASSWORD_HASH_CONCURRENCY"), "{bad}: {text}");
    }
}

#[test]
fn session_idle_timeout_takes_durations_or_minutes() {
    let minutes = |m: u64| std::time::Duration::from_secs(m * 60);
    for (value, expected) in [
        ("30", minutes(30)),
        ("90min", minutes(90)),
        ("12h", minutes(12 * 60)),
        ("1h 30m", minutes(90)),
        ("7days", minutes(7 * 24 * 60)),
        ("14d", minutes(14 * 24 * 60)),
        ("1m", minutes(1)),
    ] {
        let config = load(&[("SESSION_IDLE_TIMEOUT", value)]).expect(value);
        assert_eq!(config.session_idle_timeout, expected, "{value}");
    }
    for bad in ["0", "30s", "15d", "forever", "-5", "12 hours ago"] {
        let text = message(load(&[("SESSION_IDLE_TIMEOUT", bad)]));
        assert!(text.contains("SESSION_IDLE_TIMEOUT"), "{bad}: {text}");
    }
}

#[test]
fn the_registration_limit_defaults_to_ten_and_refuses_nonsense() {
    assert_eq!(load(&[]).expect("defaults").registration_limit_per_hour, 10);
    let config = load(&[("REGISTRATION_LIMIT_PER_HOUR", "250")]).expect("valid");
    assert_eq!(config.registration_limit_per_hour, 250);
    for bad in ["0", "-1", "ten", "1000001", "2.5"] {
        let text = message(load(&[("REGISTRATION_LIMIT_PER_HOUR", bad)]));
        assert!(
            text.contains("REGISTRATION_LIMIT_PER_HOUR"),
            "{bad:?}: {text}"
        );
    }
}

#[test]
fn http_limits_default_and_are_read() {
    let defaults = load(&[]).expect("defaults are valid").http_limits;
    assert_eq!(defaults.request_timeout.as_secs(), 15);
    assert_eq!(defaults.header_read_timeout.as_secs(), 10);
    assert_eq!(defaults.max_concurrent_requests, 512);

    let set = load(&[
        ("REQUEST_TIMEOUT_SECS", "30"),
        ("HEADER_READ_TIMEOUT_SECS", "5"),
        ("MAX_CONCURRENT_REQUESTS", "64"),
    ])
    .expect("valid limits")
    .http_limits;
    assert_eq!(set.request_timeout.as_secs(), 30);
    assert_eq!(set.header_read_timeout.as_secs(), 5);
    assert_eq!(set.max_concurrent_requests, 64);
}

#[test]
fn http_limits_out_of_range_name_their_variable() {
    for (name, value) in [
        ("REQUEST_TIMEOUT_SECS", "0"),
        ("REQUEST_TIMEOUT_SECS", "15s"),
        ("HEADER_READ_TIMEOUT_SECS", "601"),
        ("MAX_CONCURRENT_REQUESTS", "0"),
        ("MAX_CONCURRENT_REQUESTS", "-3"),
    ] {
        let text = message(load(&[(name, value)]));
        assert!(text.starts_with(name), "{text}");
        assert!(text.contains(&format!("{value:?}")), "{text}");
    }
}

#[test]
fn metrics_are_off_unless_an_address_is_given() {
    assert_eq!(load(&[]).expect("defaults").metrics_addr, None);
    let config = load(&[("METRICS_ADDR", "127.0.0.1:9100")]).expect("valid address");
    assert_eq!(
        config.metrics_addr.map(|addr| addr.to_string()),
        Some("127.0.0.1:9100".to_owned())
    );
    // Another port of the same host, or the same port of another host.
    for (bind, metrics) in [
        ("0.0.0.0:3000", "0.0.0.0:9100"),
        ("10.0.0.5:3000", "127.0.0.1:3000"),
    ] {
        let config = load(&[("BIND_ADDR", bind), ("METRICS_ADDR", metrics)]).expect("valid");
        assert!(config.metrics_addr.is_some(), "{bind} and {metrics}");
    }
}

#[test]
fn a_malformed_metrics_address_names_the_variable() {
    for bad in [
        "9100",
        "localhost:9100",
        "127.0.0.1",
        "http://127.0.0.1:9100",
    ] {
        let text = message(load(&[("METRICS_ADDR", bad)]));
        assert!(text.starts_with("METRICS_ADDR must be"), "{bad:?}: {text}");
        assert!(text.contains(&format!("{bad:?}")), "{text}");
    }
}

#[test]
fn the_metrics_address_may_not_be_the_api_address() {
    for (bind, metrics) in [
        ("127.0.0.1:3000", "127.0.0.1:3000"),
        ("0.0.0.0:3000", "127.0.0.1:3000"),
        ("127.0.0.1:3000", "0.0.0.0:3000"),
    ] {
        let text = message(load(&[("BIND_ADDR", bind), ("METRICS_ADDR", metrics)]));
        assert!(
            text.starts_with("METRICS_ADDR is") && text.contains("BIND_ADDR"),
            "{bind} and {metrics}: {text}"
        );
    }
    // The default BIND_ADDR counts too.
    let text = message(load(&[("METRICS_ADDR", "127.0.0.1:3000")]));
    assert!(text.contains("BIND_ADDR"), "{text}");
}

#[test]
fn log_format_is_text_or_json() {
    assert_eq!(load(&[]).expect("defaults").log_format, LogFormat::Text);
    assert_eq!(
        load(&[("LOG_FORMAT", "text")]).expect("text").log_format,
        LogFormat::Text
    );
    assert_eq!(
        load(&[("LOG_FORMAT", "json")]).expect("json").log_format,
        LogFormat::Json
    );
    for bad in ["JSON", "logfmt", "pretty"] {
        let text = message(load(&[("LOG_FORMAT", bad)]));
        assert!(text.starts_with("LOG_FORMAT must be"), "{bad:?}: {text}");
    }
}
