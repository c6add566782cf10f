//! Abuse limits, trusted proxies, password hashing, sessions and HTTP limits.

use super::*;

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
