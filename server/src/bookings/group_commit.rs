//! Group commit of verified clients' slot bookings.
//!
//! A verified client's booking of a published slot is one conditional
//! insert and its two mails. Run alone, each such booking is a transaction
//! of its own: on SQLite four hand-offs to the one writer connection
//! (`BEGIN`, the insert, the mails, `COMMIT`), and every other write waits
//! for all four. Here the bookings that arrive while a transaction is
//! running queue in the process, first come first served, and the next
//! transaction books all of them: one `BEGIN`, an insert each, the mails of
//! all of them in one statement, one `COMMIT`. On PostgreSQL the batch
//! takes the advisory locks of all its bookings at its start, in one
//! order, as every write transaction does.
//!
//! Each booking still follows the rules on its own: its insert checks that
//! its slot is bookable at the time of its request, and a slot booked
//! earlier in the same batch counts as taken. A booking that its insert
//! refused, and every booking of a batch that failed after it began
//! (rolled back as a whole, so nothing of it stays), goes back to its
//! request to run alone, which books it or says why not. A batch that
//! could not begin (the database locked by another process past the busy
//! timeout, no connection free in time) answers that error to each of its
//! requests at once: alone, each would only wait as long again.
//!
//! The queue lives in each process and holds only requests in flight:
//! several processes each have their own, and their transactions serialize
//! in the database like any others.

use crate::bookings::repo::{self, Inserted};
use crate::db::{Db, Engine, WriteScope};
use crate::error::AppError;
use crate::notices::{self, ics::Links};
use chrono::{DateTime, Utc};
use std::sync::{Arc, OnceLock};
use tandem_api::bookings::Booking;
use tandem_api::{SlotId, UserId};
use tokio::sync::{mpsc, oneshot};

/// The most bookings one transaction takes.
pub const MAX_BATCH: usize = 64;

/// Batches committed side by side on PostgreSQL, whose transactions run on
/// the pool's connections in parallel. Measured with `cargo xtask bench
/// api`'s load (32 clients, durable PostgreSQL, 2 cores shared with a
/// build, load 4–5): one lane committed about 1,200 bookings/s, two
/// 1,800, four 3,000, eight 2,200. One lane waits for each commit's flush
/// of the WAL to disk; many lanes make small batches again.
const POSTGRES_LANES: usize = 4;

/// Bookings that may wait for a batch before a request waits to queue.
const QUEUE_CAPACITY: usize = 1024;

/// What became of a booking given to the queue.
#[derive(Debug)]
pub enum Outcome {
    /// Booked and committed, with its mails.
    Booked(Box<Booking>),
    /// Nothing written: run the booking alone. Its insert refused it, its
    /// batch failed and was rolled back, or the queue has stopped.
    RunAlone,
    /// Nothing written: the batch's transaction could not begin.
    Failed(AppError),
}

/// Why a batch wrote nothing.
enum BatchError {
    /// Its transaction could not begin.
    Begin(sqlx::Error),
    /// A statement after the start failed; the transaction was rolled back.
    Statement(sqlx::Error),
}

/// A booking waiting for its batch.
struct Job {
    slot: SlotId,
    client: UserId,
    notes: Option<String>,
    /// When the request came: the slot must not have started by then.
    now: DateTime<Utc>,
    done: oneshot::Sender<Outcome>,
}

/// One process's queue of bookings, shared by the clones of its state.
/// The tasks that commit the batches start with the first booking and end
/// when the last clone is dropped.
#[derive(Clone, Default)]
pub struct BookingQueue {
    lanes: Arc<OnceLock<Vec<mpsc::Sender<Job>>>>,
}

impl std::fmt::Debug for BookingQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BookingQueue")
            .field("lanes", &self.lanes.get().map_or(0, Vec::len))
            .finish()
    }
}

/// How many batches of one process commit side by side: on SQLite one
/// (there is one writer), on PostgreSQL [`POSTGRES_LANES`].
fn lanes(engine: Engine) -> usize {
    match engine {
        Engine::Sqlite => 1,
        Engine::Postgres => POSTGRES_LANES,
    }
}

impl BookingQueue {
    /// Books `slot` for the verified `client` in the next batch.
    pub async fn book(
        &self,
        db: &Db,
        links: &Links,
        slot: SlotId,
        client: UserId,
        notes: Option<String>,
        now: DateTime<Utc>,
    ) -> Outcome {
        let lanes = self.lanes.get_or_init(|| {
            (0..lanes(db.engine()))
                .map(|_| {
                    let (sender, receiver) = mpsc::channel(QUEUE_CAPACITY);
                    tokio::spawn(commit_batches(receiver, db.clone(), links.clone()));
                    sender
                })
                .collect()
        });
        // A slot always takes the same lane, so two bookings of one slot
        // meet in one batch or in turn, never in two lanes' transactions.
        let lane = &lanes[slot.0.unsigned_abs() as usize % lanes.len()];
        let (done, outcome) = oneshot::channel();
        let job = Job {
            slot,
            client,
            notes,
            now,
            done,
        };
        if lane.send(job).await.is_err() {
            return Outcome::RunAlone;
        }
        outcome.await.unwrap_or(Outcome::RunAlone)
    }
}

/// Commits whatever has queued, a batch at a time, until every sender is
/// gone.
async fn commit_batches(mut jobs: mpsc::Receiver<Job>, db: Db, links: Links) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        match commit(&db, &links, &batch).await {
            Ok(booked) => {
                for (job, booked) in batch.drain(..).zip(booked) {
                    let outcome = booked.map_or(Outcome::RunAlone, |booking| {
                        Outcome::Booked(Box::new(booking))
                    });
                    answer(job, outcome);
                }
            }
            Err(BatchError::Begin(error)) => {
                tracing::warn!(
                    bookings = batch.len(),
                    "a batch of bookings could not begin: {error}"
                );
                for job in batch.drain(..) {
                    answer(job, Outcome::Failed(AppError::for_each_of(&error)));
                }
            }
            Err(BatchError::Statement(error)) => {
                tracing::warn!(
                    bookings = batch.len(),
                    "a batch of bookings failed and was rolled back; each runs alone: {error}"
                );
                for job in batch.drain(..) {
                    answer(job, Outcome::RunAlone);
                }
            }
        }
    }
}

fn answer(job: Job, outcome: Outcome) {
    // A request that went away meanwhile keeps its booking, as one whose
    // answer was lost on the way would.
    let _ = job.done.send(outcome);
}

/// Books every job that can be booked in one transaction; for each job,
/// its booking or `None` when its insert refused it.
async fn commit(db: &Db, links: &Links, jobs: &[Job]) -> Result<Vec<Option<Booking>>, BatchError> {
    let scopes: Vec<WriteScope> = jobs
        .iter()
        .flat_map(|job| [WriteScope::User(job.client.0), WriteScope::Slot(job.slot.0)])
        .collect();
    let mut tx = db
        .begin_write_all(&scopes)
        .await
        .map_err(BatchError::Begin)?;
    let mut inserted = Vec::with_capacity(jobs.len());
    for job in jobs {
        let one = repo::insert_if_bookable(
            &mut tx,
            db.engine(),
            job.slot,
            job.client,
            job.notes.as_deref(),
            job.now,
        )
        .await
        .map_err(BatchError::Statement)?;
        inserted.push(one);
    }
    let booked: Vec<&Inserted> = inserted.iter().flatten().collect();
    if let Some(now) = jobs.iter().map(|job| job.now).max() {
        notices::booked_all(&mut tx, links, &booked, now)
            .await
            .map_err(BatchError::Statement)?;
    }
    tx.commit().await.map_err(BatchError::Statement)?;
    Ok(inserted
        .into_iter()
        .map(|one| one.map(|one| one.booking))
        .collect())
}
