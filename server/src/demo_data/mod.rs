//! Demo accounts, profiles, weekly hours and sessions for local
//! development (dev mode only), so every page shows realistic data
//! without signing up anywhere.
//!
//! Seeding is idempotent: accounts are created once; each demo
//! professional gets a profile and weekly hours once (see
//! [`professionals`]), from which clients see bookable times; each gets a
//! one-off slot that starts soon where it fits; the verified demo client
//! has a session with a professional that started a few minutes ago and
//! is still running (a call to join at once, whatever the time), and the
//! unverified one a session that starts soon (the verify prompt).

mod professionals;
mod repo;

use crate::db::{Db, WriteScope};
use crate::password::{self, PasswordError};
use chrono::{DateTime, Duration, TimeDelta, Utc};
use tandem_api::auth::Role;
use tandem_api::UserId;
use thiserror::Error;

/// The password of every demo account. It protects nothing but local demo
/// data and is published on purpose; it is never used outside dev mode.
pub const DEMO_PASSWORD: &str = "tandem-demo-password";

pub struct DemoUser {
    pub email: &'static str,
    pub full_name: &'static str,
    pub role: Role,
    pub verified: bool,
}

pub const USERS: [DemoUser; 4] = [
    DemoUser {
        email: "maya.okafor@example.com",
        full_name: "Dr. Maya Okafor",
        role: Role::Professional,
        verified: true,
    },
    DemoUser {
        email: "leo.brandt@example.com",
        full_name: "Leo Brandt",
        role: Role::Professional,
        verified: true,
    },
    DemoUser {
        email: "ada@example.com",
        full_name: "Ada Client",
        role: Role::Client,
        verified: true,
    },
    DemoUser {
        email: "sam@example.com",
        full_name: "Sam Unverified",
        role: Role::Client,
        verified: false,
    },
];

/// The slot that starts soon, so a call can be tried right away.
const SOON_LEAD_MINUTES: i64 = 5;
const SOON_MINUTES: i64 = 45;
const SOON_PRICE_CENTS: i64 = 6_000;

/// The session under way whenever the server starts: it started this many
/// minutes ago (or when the professional's previous slot ended, if later)
/// and lasts this long (or until their next slot starts).
const IN_PROGRESS_STARTED_MINUTES_AGO: i64 = 5;
const IN_PROGRESS_MINUTES: i64 = 50;
const IN_PROGRESS_PRICE_CENTS: i64 = 9_000;

/// Who is in the session under way: the verified client and a professional.
pub const IN_PROGRESS: DemoBooking = DemoBooking {
    client_email: "ada@example.com",
    professional_email: "maya.okafor@example.com",
    notes: "I would like to talk about handling stress at work.",
};

/// A session booked by a demo client.
pub struct DemoBooking {
    pub client_email: &'static str,
    pub professional_email: &'static str,
    pub notes: &'static str,
}

/// Each client books the professional's next slot (the one that starts
/// soon) unless they already have a session with them that has not ended
/// and starts no later (for Ada, the [`IN_PROGRESS`] one, while it runs).
pub const BOOKINGS: [DemoBooking; 2] = [
    DemoBooking {
        client_email: "ada@example.com",
        professional_email: "maya.okafor@example.com",
        notes: "I would like to talk about handling stress at work.",
    },
    DemoBooking {
        client_email: "sam@example.com",
        professional_email: "leo.brandt@example.com",
        notes: "First session: getting to know each other.",
    },
];

#[derive(Debug, Error)]
pub enum DemoDataError {
    #[error("cannot write demo data: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot hash the demo password: {0}")]
    Password(#[from] PasswordError),
    #[error("password hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// What one run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seeded {
    pub users: u64,
    /// Weekly hours and profiles saved (two per professional at most).
    pub set_ups: u64,
    pub slots: u64,
    pub bookings: u64,
}

/// Adds the demo accounts that are missing, the professionals' profiles
/// and weekly hours they lack, the [`IN_PROGRESS`] session unless one is
/// under way, each professional's slot that starts soon unless it would
/// overlap one of theirs, and the [`BOOKINGS`] that are due.
pub async fn seed_demo_data(pool: &Db, now: DateTime<Utc>) -> Result<Seeded, DemoDataError> {
    let mut seeded = Seeded::default();
    for user in &USERS {
        seeded.users += seed_user(pool, user, now).await?;
    }

    let mut tx = pool.begin_write(WriteScope::DemoData).await?;
    // First, so that the slots below make room for it.
    let (slots, bookings) = seed_session_in_progress(&mut tx, &IN_PROGRESS, now).await?;
    seeded.slots += slots;
    seeded.bookings += bookings;
    for professional in &professionals::PROFESSIONALS {
        let professional_id = repo::professional_id(&mut tx, professional.email).await?;
        // Somebody registered this address as a client before seeding ran.
        let Some(professional_id) = professional_id else {
            continue;
        };
        seeded.set_ups +=
            professionals::set_up(&mut tx, UserId(professional_id), professional, now).await?;
        let start = next_quarter_hour(now + Duration::minutes(SOON_LEAD_MINUTES));
        let end = start + Duration::minutes(SOON_MINUTES);
        seeded.slots +=
            repo::insert_slot_if_free(&mut tx, professional_id, start, end, SOON_PRICE_CENTS, now)
                .await?;
    }
    for booking in &BOOKINGS {
        seeded.bookings += book_next_slot(&mut tx, booking, now).await?;
    }
    tx.commit().await?;
    Ok(seeded)
}

/// Creates the account unless its email is taken; hashes only then.
async fn seed_user(pool: &Db, user: &DemoUser, now: DateTime<Utc>) -> Result<u64, DemoDataError> {
    if repo::email_taken(pool, user.email).await? {
        return Ok(0);
    }
    let password_hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD)).await??;
    Ok(repo::insert_user(pool, user, password_hash, now).await?)
}

/// Makes sure the client has a session with the professional that is under
/// way at `now`: none is added while one runs; else the professional's
/// free slot that has started and not ended is booked; else a new slot is
/// added from a few minutes ago, between the professional's other slots.
/// Returns the slots and bookings added.
async fn seed_session_in_progress(
    tx: &mut sqlx::AnyConnection,
    booking: &DemoBooking,
    now: DateTime<Utc>,
) -> Result<(u64, u64), sqlx::Error> {
    let Some((client_id, professional_id)) = repo::participant_ids(tx, booking).await? else {
        return Ok((0, 0));
    };
    let now_secs = now.timestamp();
    if repo::session_under_way(tx, client_id, professional_id, now_secs).await? {
        return Ok((0, 0));
    }
    let (slot_id, slots_added) = match repo::slot_under_way(tx, professional_id, now_secs).await? {
        Some((_, true)) => return Ok((0, 0)),
        Some((slot_id, false)) => (slot_id, 0),
        None => {
            let wanted_start = now_secs - IN_PROGRESS_STARTED_MINUTES_AGO * 60;
            let wanted_end =
                now_secs + (IN_PROGRESS_MINUTES - IN_PROGRESS_STARTED_MINUTES_AGO) * 60;
            // No slot holds `now`: the ones in the way end before it or
            // start after it.
            let (previous_end, next_start) =
                repo::neighbours_of(tx, professional_id, now_secs, (wanted_start, wanted_end))
                    .await?;
            let start = previous_end.map_or(wanted_start, |end| end.max(wanted_start));
            let end = next_start.map_or(wanted_end, |next| next.min(wanted_end));
            let slot_id = repo::insert_slot(
                tx,
                professional_id,
                (start, end),
                IN_PROGRESS_PRICE_CENTS,
                now_secs,
            )
            .await?;
            (slot_id, 1)
        }
    };
    repo::insert_booking(tx, slot_id, client_id, booking.notes, now_secs).await?;
    Ok((slots_added, 1))
}

/// Books the professional's next slot for the client, unless the client
/// already has an active session with them that has not ended and starts
/// no later, or somebody else booked that slot.
async fn book_next_slot(
    tx: &mut sqlx::AnyConnection,
    booking: &DemoBooking,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    // Somebody registered one of these addresses with the other role.
    let Some((client_id, professional_id)) = repo::participant_ids(tx, booking).await? else {
        return Ok(0);
    };
    repo::book_next_one_off(
        tx,
        client_id,
        professional_id,
        booking.notes,
        now.timestamp(),
    )
    .await
}

/// The first quarter hour (:00, :15, :30, :45) at or after `t`.
fn next_quarter_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    const QUARTER: i64 = 15 * 60;
    let secs = t.timestamp();
    let rounded = secs.div_euclid(QUARTER) * QUARTER;
    let rounded = if rounded < secs || t.timestamp_subsec_nanos() > 0 {
        rounded + QUARTER
    } else {
        rounded
    };
    DateTime::from_timestamp(rounded, 0).unwrap_or(t + TimeDelta::minutes(15))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn rounds_up_to_the_next_quarter_hour() {
        let at = |h, m, s| Utc.with_ymd_and_hms(2026, 11, 21, h, m, s).unwrap();
        assert_eq!(next_quarter_hour(at(9, 0, 0)), at(9, 0, 0));
        assert_eq!(next_quarter_hour(at(9, 0, 1)), at(9, 15, 0));
        assert_eq!(next_quarter_hour(at(9, 44, 59)), at(9, 45, 0));
        assert_eq!(
            next_quarter_hour(at(23, 50, 0)),
            at(23, 50, 0) + Duration::minutes(10)
        );
    }
}
