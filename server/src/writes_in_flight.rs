//! How many write requests (`POST`, `PUT`, `PATCH`, `DELETE`) this
//! process is answering right now, so that background work whose writes
//! compete with theirs (the mail worker's claims and marks) can let them go
//! first.
//!
//! A request is counted from the moment the middleware sees it until its
//! response is built or it is dropped. Background work calls
//! [`WritesInFlight::quiet`] before it writes: it goes on at once when no
//! write request is being answered, and otherwise waits until none is, but
//! never longer than the time it is given, so that under a steady stream of
//! requests it still moves, only more slowly.
//!
//! The count is per process, which is what it is for: it keeps one
//! process's background work from slowing that process's own requests
//! (the CPU, and on SQLite the one writer connection, that they share).
//! Another process's requests are not seen, and need not be: its own
//! background work yields to them.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

use crate::state::AppState;

#[derive(Clone, Default, Debug)]
pub struct WritesInFlight(Arc<Count>);

#[derive(Default, Debug)]
struct Count {
    requests: AtomicUsize,
    /// Told whenever the count falls to zero.
    quiet: Notify,
}

/// One write request being answered; counted until dropped.
#[derive(Debug)]
pub struct Counted(Arc<Count>);

impl Drop for Counted {
    fn drop(&mut self) {
        if self.0.requests.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.quiet.notify_waiters();
        }
    }
}

impl WritesInFlight {
    /// Counts one write request until the returned guard is dropped.
    pub fn enter(&self) -> Counted {
        self.0.requests.fetch_add(1, Ordering::AcqRel);
        Counted(self.0.clone())
    }

    /// The write requests being answered now.
    pub fn now(&self) -> usize {
        self.0.requests.load(Ordering::Acquire)
    }

    /// Waits until no write request is being answered, or `longest` has
    /// passed; whether it was quiet.
    pub async fn quiet(&self, longest: Duration) -> bool {
        let quiet = self.0.quiet.notified();
        tokio::pin!(quiet);
        // Registered before the count is read, so that a fall to zero
        // between the read and the wait is not missed.
        quiet.as_mut().enable();
        if self.now() == 0 {
            return true;
        }
        tokio::time::timeout(longest, quiet).await.is_ok()
    }
}

/// The middleware that counts this process's write requests.
pub async fn count(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let _counted = is_write(request.method()).then(|| state.writes_in_flight.enter());
    next.run(request).await
}

fn is_write(method: &Method) -> bool {
    !method.is_safe()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONGEST: Duration = Duration::from_secs(60);

    #[tokio::test]
    async fn with_no_write_request_it_is_quiet_at_once() {
        let writes = WritesInFlight::default();
        let started = tokio::time::Instant::now();
        assert!(writes.quiet(LONGEST).await);
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[tokio::test]
    async fn it_waits_for_the_last_write_request_to_end() {
        let writes = WritesInFlight::default();
        let (first, second) = (writes.enter(), writes.enter());
        let waiting = tokio::spawn({
            let writes = writes.clone();
            async move { writes.quiet(LONGEST).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        drop(first);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "one request is still answered");
        drop(second);
        let quiet = tokio::time::timeout(Duration::from_secs(10), waiting).await;
        assert!(
            quiet.expect("woken when the last one ends").unwrap(),
            "quiet once both are answered"
        );
        assert_eq!(writes.now(), 0);
    }

    #[tokio::test]
    async fn it_waits_no_longer_than_it_is_told() {
        let writes = WritesInFlight::default();
        let _busy = writes.enter();
        let started = tokio::time::Instant::now();
        assert!(!writes.quiet(Duration::from_millis(100)).await);
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(100) && waited < Duration::from_secs(10),
            "{waited:?}"
        );
    }

    #[test]
    fn reads_are_not_counted() {
        assert!(!is_write(&Method::GET));
        assert!(!is_write(&Method::HEAD));
        assert!(is_write(&Method::POST));
        assert!(is_write(&Method::DELETE));
        assert!(is_write(&Method::PATCH));
    }
}
