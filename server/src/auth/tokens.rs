//! Random secrets handed to browsers (session ids, verification tokens),
//! the only form in which the database keeps them, and the emailed links
//! that carry them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 bits from the operating system's CSPRNG.
pub const TOKEN_BYTES: usize = 32;

/// A new random token, base64url without padding (43 characters).
pub fn generate() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of the token: what is stored and looked up. The token has 256
/// random bits, so a plain, unsalted hash cannot be reversed.
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The app's `page` (`/verify`, `/reset-password`) under `public_url`,
/// carrying `token` as its only query parameter: the link an email holds.
pub fn page_link(public_url: &url::Url, page: &str, token: &str) -> String {
    let mut url = public_url.clone();
    let path = format!("{}{page}", public_url.path().trim_end_matches('/'));
    url.set_path(&path);
    url.set_fragment(None);
    url.query_pairs_mut().clear().append_pair("token", token);
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_url_safe_and_different() {
        let a = generate();
        let b = generate();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }

    #[test]
    fn the_hash_is_sha256() {
        assert_eq!(hash("abc").len(), 32);
        assert_eq!(hash("abc"), hash("abc"));
        assert_ne!(hash("abc"), hash("abd"));
    }
}
