//! `LIVEKIT_URL`, `LIVEKIT_API_KEY` and `LIVEKIT_API_SECRET`: where the
//! LiveKit server is and how to sign for it.

use super::{ConfigError, Mode, Secret};
use super::{DEV_LIVEKIT_API_KEY, DEV_LIVEKIT_API_SECRET, DEV_LIVEKIT_URL, MIN_SECRET_CHARS};
use url::Url;

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

pub fn parse(
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
