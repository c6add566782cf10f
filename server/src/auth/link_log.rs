//! Whether links that carry a token may be written to the log: only in
//! dev mode with the local outbox, where the log is the developer's own.
//! In production the log goes to operators and log stores, and a token in
//! it would let them take over the account.

use crate::config::{Config, Mode};
use crate::mail::Mailer;

/// Logs `link` (what it is for, and to whom it went) when
/// [`may_log_links`] allows it; otherwise nothing.
pub fn log_link(config: &Config, mailer: &Mailer, what: &str, to: &str, link: &str) {
    if may_log_links(config.mode, mailer.is_outbox()) {
        tracing::info!(%to, %link, "{what}");
    }
}

/// Dev mode, and mail that only lands in the local outbox.
pub fn may_log_links(mode: Mode, outbox: bool) -> bool {
    mode == Mode::Dev && outbox
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dev_mode_with_the_outbox_logs_links() {
        assert!(may_log_links(Mode::Dev, true));
        assert!(!may_log_links(Mode::Dev, false));
        assert!(!may_log_links(Mode::Production, true));
        assert!(!may_log_links(Mode::Production, false));
    }
}
