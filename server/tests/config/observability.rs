//! `METRICS_ADDR` and `LOG_FORMAT`.

use super::*;

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
