//! What every handler can reach.

use crate::bookings::group_commit::BookingQueue;
use crate::calls::RoomChecks;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::Db;
use crate::livekit::LiveKit;
use crate::mail::worker::MailWake;
use crate::mail::Mailer;
use crate::password::HashingLimit;
use crate::writes_in_flight::WritesInFlight;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Db,
    /// `None` when video calls are not configured.
    pub livekit: Option<LiveKit>,
    pub mailer: Mailer,
    /// Wakes this process's mail worker after a request queued mail.
    pub mail_wake: MailWake,
    /// Every time decision asks this clock (tests move it).
    pub clock: Arc<dyn Clock>,
    /// When this process last asked LiveKit who is in each room.
    pub room_checks: RoomChecks,
    /// How many password hashes this process computes at once.
    pub password_hashing: HashingLimit,
    /// Verified clients' slot bookings, committed in batches.
    pub booking_queue: BookingQueue,
    /// The write requests this process is answering, which its
    /// background work lets go first.
    pub writes_in_flight: WritesInFlight,
}

impl AppState {
    pub fn new(config: Config, db: Db) -> Self {
        let livekit = config.livekit.clone().map(LiveKit::new);
        let mailer = Mailer::new(&config.mail);
        let password_hashing = HashingLimit::new(config.password_hash_concurrency);
        Self {
            config: Arc::new(config),
            db,
            livekit,
            mailer,
            mail_wake: MailWake::default(),
            clock: Arc::new(SystemClock),
            room_checks: RoomChecks::default(),
            password_hashing,
            booking_queue: BookingQueue::default(),
            writes_in_flight: WritesInFlight::default(),
        }
    }

    /// The same state, telling time with `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
}
