//! Checkpoints the SQLite WAL in the background, so that no request pays
//! for it.
//!
//! A commit in WAL mode with `synchronous = NORMAL` only appends to the
//! WAL; the fsyncs come when the WAL is written back to the database file.
//! Left to SQLite, that happens inside whichever commit crosses 1,000
//! pages, and on a busy disk it can take the one writer connection for
//! hundreds of milliseconds while every other write waits. Here a passive
//! checkpoint runs every [`INTERVAL`] on a connection of its own, next to
//! the writers; the writer's own threshold is raised to
//! [`crate::db::WRITER_AUTOCHECKPOINT_PAGES`] as a fallback.
//!
//! Every server process on the file runs it: passive checkpoints of
//! several processes take turns and never block a writer. On PostgreSQL it
//! does nothing.

use crate::db::{Db, Engine};
use tokio::task::JoinHandle;

/// How often each process checkpoints. A checkpoint's fsync still holds
/// up the writers' appends to the WAL for as long as the file system takes
/// to flush what it wrote back, so many small ones beat few large ones.
/// Measured with `tandem-load`'s 32 booking clients (about 6,500 bookings
/// a second, 2 cores): every 500 ms the bookings stalled for 25-64 ms
/// about twice a second, every 100 ms for 17-25 ms. An idle database's
/// checkpoint finds nothing to do.
pub const INTERVAL: std::time::Duration = std::time::Duration::from_millis(100);

/// Starts checkpointing every [`INTERVAL`]; `None` on PostgreSQL.
pub fn spawn(db: Db) -> Option<JoinHandle<()>> {
    if db.engine() != Engine::Sqlite {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if db.is_closed() {
                return;
            }
            // A failure (another process's checkpoint, a busy file) is
            // tried again at the next tick; the WAL only grows meanwhile.
            if let Err(error) = db.checkpoint().await {
                tracing::warn!(%error, "cannot checkpoint the database's WAL; trying again");
            }
        }
    }))
}
