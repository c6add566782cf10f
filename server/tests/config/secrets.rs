//! `SESSION_SECRET`: refused when weak outside dev mode, never printed.

use super::*;

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
