//! The delivery loop every server process runs: it claims due messages
//! from the queue, sends them, and retries with backoff when the relay is
//! down, so an SMTP outage delays mail but loses none. It also queues the
//! reminders that fall due ([`crate::notices::reminders`]).

use super::queue::{self, ClaimedMail};
use super::{Email, MailError};
use crate::notices::reminders;
use crate::state::AppState;
use chrono::Duration;
use std::sync::Arc;
use tokio::sync::Notify;

/// How long a claim holds a message: far longer than one SMTP attempt
/// (`config::SMTP_TIMEOUT`), so only a dead process loses its claim.
pub const LEASE: Duration = Duration::minutes(2);

/// Messages claimed at once: few enough to be sent well within a
/// [`LEASE`], many enough that a busy queue costs few statements.
pub const BATCH: i64 = 16;

/// How long a batch may take to send before the rest is given back.
const HALF_LEASE: std::time::Duration = std::time::Duration::from_secs(60);

/// How long the worker lets this process's write requests go first
/// before each batch ([`crate::writes_in_flight`]): their answers wait for
/// the same CPU and, on SQLite, the same writer connection as its claims.
/// Under a steady stream of them it still delivers a batch this often.
pub const YIELD_AT_MOST: std::time::Duration = std::time::Duration::from_millis(250);

/// How often an idle worker looks at the queue (another process may
/// have queued mail, or a retry may have fallen due).
pub const POLL: std::time::Duration = std::time::Duration::from_secs(5);

/// How often the worker looks for reminders to queue.
pub const REMINDER_SCAN: std::time::Duration = std::time::Duration::from_secs(60);

/// How long delivered messages stay in the queue's table.
pub const KEEP_DONE: Duration = Duration::days(30);

/// The first retry waits this long; each next one twice as long…
const FIRST_RETRY: Duration = Duration::seconds(30);
/// …up to this.
const LONGEST_RETRY: Duration = Duration::minutes(15);

/// Wakes this process's worker when a request has queued mail, so that
/// it goes out at once rather than at the next poll.
#[derive(Clone, Default, Debug)]
pub struct MailWake(Arc<Notify>);

impl MailWake {
    pub fn wake(&self) {
        self.0.notify_one();
    }

    async fn woken(&self) {
        self.0.notified().await;
    }
}

/// What one pass over the queue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// A name for this process's claims: unique per process start.
pub fn worker_name() -> String {
    format!("{}-{:08x}", std::process::id(), rand::random::<u32>())
}

/// Runs forever: delivers what is due, queues due reminders every
/// [`REMINDER_SCAN`], and sleeps until woken or [`POLL`] has passed.
pub async fn run(state: AppState) {
    let worker = worker_name();
    let mut last_scan: Option<tokio::time::Instant> = None;
    loop {
        if last_scan.is_none_or(|at| at.elapsed() >= REMINDER_SCAN) {
            last_scan = Some(tokio::time::Instant::now());
            scan_reminders(&state).await;
        }
        if let Err(error) = deliver_due(&state, &worker).await {
            tracing::warn!(%error, "cannot read the mail queue; trying again soon");
        }
        tokio::select! {
            () = state.mail_wake.woken() => {}
            () = tokio::time::sleep(POLL) => {}
        }
    }
}

async fn scan_reminders(state: &AppState) {
    match reminders::queue_due(state).await {
        Ok(0) => {}
        Ok(queued) => tracing::info!(queued, "reminders queued"),
        Err(error) => tracing::warn!(%error, "cannot look for reminders to send"),
    }
    let before = state.clock.now() - KEEP_DONE;
    if let Err(error) = queue::delete_done_before(state.db.writer(), before).await {
        tracing::warn!(%error, "cannot delete old delivered mail");
    }
}

/// Claims due messages [`BATCH`] at a time and sends them until none is
/// due, each batch once this process's write requests are answered or
/// [`YIELD_AT_MOST`] has passed. The delivered ones of a batch are marked
/// sent together; after a failure that may pass (the relay down), or once
/// half the lease is used, the rest of the batch is given back untried.
pub async fn deliver_due(state: &AppState, worker: &str) -> Result<Pass, sqlx::Error> {
    let mut pass = Pass::default();
    loop {
        state.writes_in_flight.quiet(YIELD_AT_MOST).await;
        let batch = queue::claim_batch(&state.db, worker, state.clock.now(), LEASE, BATCH).await?;
        if batch.is_empty() {
            return Ok(pass);
        }
        let mut delivered = Vec::with_capacity(batch.len());
        let mut untried = Vec::new();
        let mut relay_down = false;
        let claimed_at = std::time::Instant::now();
        for mail in batch {
            // A slow relay must not outlast the lease: what is left goes
            // back rather than be sent twice.
            if relay_down || claimed_at.elapsed() > HALF_LEASE {
                untried.push(mail.id);
                continue;
            }
            let id = mail.id;
            let attempts = mail.attempts;
            let key = mail.dedupe_key.clone();
            match send(state, mail).await {
                Ok(()) => delivered.push(id),
                Err(error) if is_permanent(&error) => {
                    tracing::warn!(%error, key, "an email was refused for good; not retrying");
                    queue::failed(&state.db, id, state.clock.now(), &error.to_string()).await?;
                    pass.failed += 1;
                }
                Err(error) => {
                    let retry_at = state.clock.now() + backoff(attempts);
                    tracing::warn!(%error, key, %retry_at, "cannot send an email yet; it stays queued");
                    queue::retry_later(&state.db, id, retry_at, &error.to_string()).await?;
                    pass.retried += 1;
                    // The relay is probably down: leave the rest for later
                    // rather than fail them all now.
                    relay_down = true;
                }
            }
        }
        queue::sent_all(&state.db, &delivered, state.clock.now()).await?;
        pass.sent += delivered.len();
        queue::release(&state.db, worker, &untried).await?;
        if relay_down {
            return Ok(pass);
        }
    }
}

async fn send(state: &AppState, mail: ClaimedMail) -> Result<(), MailError> {
    let to = mail
        .recipient
        .parse()
        .map_err(|_| MailError::Recipient(mail.recipient.clone()))?;
    let email = Email {
        to,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        calendar: mail.calendar,
        unsubscribe_url: mail.unsubscribe_url,
        message_id: Some(message_id(&mail.dedupe_key, state)),
    };
    state.mailer.send(email).await
}

/// `<key@host>`: one Message-ID per queued message, whatever the attempt.
fn message_id(key: &str, state: &AppState) -> String {
    let host = state
        .config
        .public_url
        .host_str()
        .unwrap_or("tandem.invalid");
    let key: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '.'
            }
        })
        .collect();
    format!("<{key}@{host}>")
}

fn is_permanent(error: &MailError) -> bool {
    match error {
        MailError::Smtp(error) => error.is_permanent(),
        MailError::NotSevenBit
        | MailError::CalendarMethod
        | MailError::Recipient(_)
        | MailError::Build(_) => true,
        MailError::Outbox { .. } => false,
    }
}

/// How long to wait after the `attempts`-th failure (0 for the first).
pub fn backoff(attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.clamp(0, 10)).unwrap_or(10);
    let wait = FIRST_RETRY * 2_i32.pow(doublings);
    wait.min(LONGEST_RETRY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_a_ceiling() {
        assert_eq!(backoff(0), Duration::seconds(30));
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(240));
        assert_eq!(backoff(5), LONGEST_RETRY);
        assert_eq!(backoff(1_000), LONGEST_RETRY);
        assert_eq!(backoff(-4), Duration::seconds(30));
    }
}
