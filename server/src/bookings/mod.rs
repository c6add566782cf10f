//! Bookings: a client books a free slot or a free time of a
//! professional's weekly hours, either person cancels before the start,
//! and both list their sessions.

pub mod cursor;
pub mod cutoff;
pub mod group_commit;
pub mod repo;
pub mod reschedule;
pub mod unverified;

use crate::availability::bookable;
use crate::calls;
use crate::db::{self, WriteScope};
use crate::error::AppError;
use crate::notices;
use crate::state::AppState;
use crate::{professionals, slots};
use chrono::{DateTime, SubsecRound, Utc};
use cursor::Position;
use tandem_api::auth::User;
use tandem_api::availability::{BookingTarget, TimeSource};
use tandem_api::bookings::{
    Booking, BookingPage, BookingStatus, BookingsQuery, CancelBookingRequest, CreateBookingRequest,
};
use tandem_api::validation;
use tandem_api::{BookingId, ErrorCode, FieldError, SlotId, UserId};

/// Bookings per page of `GET /api/bookings`.
pub const PAGE_SIZE: usize = 20;

/// Books the request's target for the client: a published slot, or a
/// time of a professional's weekly hours.
///
/// Either way the check and the insert run in one write transaction, so
/// concurrent bookings queue; should anything slip past the check, the
/// partial unique index over active bookings (and on PostgreSQL the
/// exclusion constraint over slots) refuses the second one.
///
/// Only what the rules need is read under the write lock, in as few
/// statements as the rules allow (on SQLite every statement waits its
/// turn at the one writer); the answer is the booking as the messages
/// about it read it, inside the transaction.
pub async fn book(
    state: &AppState,
    client: &User,
    request: CreateBookingRequest,
) -> Result<Booking, AppError> {
    let notes = validation::normalize_notes(request.notes.as_deref()).map_err(|error| {
        AppError::Validation(vec![FieldError {
            field: "notes".into(),
            message: error.to_string(),
        }])
    })?;
    let booking = match request.target {
        BookingTarget::Slot { slot_id } => book_slot(state, client, slot_id, notes).await?,
        BookingTarget::WeeklyHours {
            professional_id,
            start_time,
        } => book_weekly_time(state, client, professional_id, start_time, notes).await?,
    };
    state.mail_wake.wake();
    Ok(booking)
}

/// Books a published slot: 404 for no such slot, 409 `conflict` once it
/// has started, 409 `slot_taken` if it has an active booking, 403
/// `not_verified` for an unverified client who already holds
/// [`unverified::MAX_UPCOMING`] upcoming bookings.
async fn book_slot(
    state: &AppState,
    client: &User,
    slot_id: SlotId,
    notes: Option<String>,
) -> Result<Booking, AppError> {
    let now = state.clock.now();
    let links = notices::links(&state.config);
    if client.verified {
        let queued = state
            .booking_queue
            .book(&state.db, &links, slot_id, client.id, notes.clone(), now)
            .await;
        match queued {
            group_commit::Outcome::Booked(booking) => return Ok(*booking),
            group_commit::Outcome::Failed(error) => return Err(error),
            group_commit::Outcome::RunAlone => {}
        }
    }
    // Alone: an unverified client (whose limit is checked first), or a
    // booking that the queue handed back.
    let mut tx = state
        .db
        .begin_write_all(&[WriteScope::User(client.id.0), WriteScope::Slot(slot_id.0)])
        .await?;
    if client.verified {
        // The insert checks what the statement below checks, so a booking
        // that goes through costs one statement less on the writer; only a
        // refused one reads the slot to say why.
        let inserted = repo::insert_if_bookable(
            &mut tx,
            state.db.engine(),
            slot_id,
            client.id,
            notes.as_deref(),
            now,
        )
        .await
        .map_err(taken_if_unique)?;
        if let Some(booked) = inserted {
            notices::booked(&mut tx, &links, &booked, now).await?;
            tx.commit().await?;
            return Ok(booked.booking);
        }
    }
    let gone = || {
        AppError::Coded(
            ErrorCode::NotFound,
            "This slot does not exist any more.".into(),
        )
    };
    // Gone too when the professional deleted their account.
    let slot = slots::repo::bookable_by_id(&mut *tx, slot_id)
        .await?
        .ok_or_else(gone)?;
    if slot.start_time <= now {
        return Err(already_started());
    }
    if slot.is_booked {
        return Err(slot_taken());
    }
    if client.verified {
        return Err(AppError::internal(
            "a bookable slot was not booked by the insert that checks it",
        ));
    }
    // The session's account as of this request: verifying only ever lifts
    // the limit, so a verification meanwhile can at worst refuse once.
    unverified::check(&mut tx, client.id, now).await?;
    let booked = repo::insert_returning(
        &mut tx,
        state.db.engine(),
        slot.id,
        client.id,
        notes.as_deref(),
        now,
    )
    .await
    .map_err(taken_if_unique)?;
    notices::booked(&mut tx, &links, &booked, now).await?;
    tx.commit().await?;
    Ok(booked.booking)
}

/// Books the time of the professional's weekly hours that starts at
/// `start`: 404 for no such professional, 409 `conflict` once it has
/// started, 409 `slot_taken` when it is not a free time (any more). The
/// time becomes a slot of its own, created with the booking, in one write
/// transaction of the professional's slots: the same lock that adding a
/// slot or changing the rules takes.
async fn book_weekly_time(
    state: &AppState,
    client: &User,
    professional: UserId,
    start: DateTime<Utc>,
    notes: Option<String>,
) -> Result<Booking, AppError> {
    let now = state.clock.now();
    let start = start.trunc_subsecs(0);
    if start <= now {
        return Err(already_started());
    }
    let mut tx = state
        .db
        .begin_write_all(&[
            WriteScope::User(client.id.0),
            WriteScope::Slots(professional.0),
        ])
        .await?;
    if !professionals::exists(&mut *tx, professional).await? {
        return Err(AppError::Coded(
            ErrorCode::NotFound,
            "There is no such professional.".into(),
        ));
    }
    if !client.verified {
        unverified::check(&mut tx, client.id, now).await?;
    }
    let slot = weekly_time_slot(&mut tx, professional, start, now).await?;
    let booked = repo::insert_returning(
        &mut tx,
        state.db.engine(),
        slot,
        client.id,
        notes.as_deref(),
        now,
    )
    .await
    .map_err(taken_if_unique)?;
    notices::booked(&mut tx, &notices::links(&state.config), &booked, now).await?;
    tx.commit().await?;
    Ok(booked.booking)
}

/// Makes the free time of the professional's weekly hours that starts at
/// `start` a slot of its own: 409 `slot_taken` when it is not free (any
/// more). Run it in a write transaction of the professional's slots.
pub(crate) async fn weekly_time_slot(
    tx: &mut db::Tx,
    professional: UserId,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<SlotId, AppError> {
    let (rules, time) = bookable::free_time_at(tx, professional, start, now)
        .await?
        .ok_or_else(slot_taken)?;
    let slot = slots::repo::insert(
        &mut **tx,
        professional,
        time.start,
        time.end,
        rules.price_cents,
        TimeSource::WeeklyHours,
        now,
    )
    .await
    .map_err(|error| {
        if db::is_exclusion_violation(&error) {
            slot_taken()
        } else {
            taken_if_unique(error)
        }
    })?;
    Ok(slot.id)
}

pub(crate) fn taken_if_unique(error: sqlx::Error) -> AppError {
    match error.as_database_error() {
        Some(db_error) if db_error.is_unique_violation() => slot_taken(),
        _ => AppError::from(error),
    }
}

/// One of the user's own bookings; 404 for anyone else's.
pub async fn one(state: &AppState, user: UserId, id: BookingId) -> Result<Booking, AppError> {
    repo::by_id(state.db.reader(), id)
        .await?
        .filter(|booking| booking.client.id == user || booking.professional.id == user)
        .ok_or(AppError::NotFound)
}

/// Cancels the booking for one of its two people, with the reason they
/// give (told to the other person): 404 for anyone else (whether it
/// exists stays their business), 409 `conflict` if it is cancelled
/// already or has started, 409 `inside_cutoff` for the client inside the
/// professional's cutoff. The time is free again: a slot is bookable
/// again, a time of weekly hours is released. Both people are told.
pub async fn cancel(
    state: &AppState,
    user: UserId,
    id: BookingId,
    request: CancelBookingRequest,
) -> Result<Booking, AppError> {
    let reason =
        validation::normalize_cancel_reason(request.reason.as_deref()).map_err(|error| {
            AppError::Validation(vec![FieldError {
                field: "reason".into(),
                message: error.to_string(),
            }])
        })?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write(WriteScope::Booking(id.0)).await?;
    let booking = repo::by_id(&mut *tx, id)
        .await?
        .filter(|booking| booking.client.id == user || booking.professional.id == user)
        .ok_or(AppError::NotFound)?;
    check_changeable(&booking, now)?;
    cutoff::check(&booking, user, now, cutoff::Change::Cancel)?;
    if !repo::cancel(&mut *tx, id, user, reason.as_deref(), now).await? {
        return Err(AppError::internal(
            "an active booking could not be cancelled",
        ));
    }
    slots::repo::release_if_unbooked(&mut *tx, booking.slot_id, now).await?;
    notices::cancelled(&mut tx, &notices::links(&state.config), id, now).await?;
    let cancelled = repo::by_id(&mut *tx, id)
        .await?
        .ok_or_else(|| AppError::internal("a cancelled booking cannot be read back"))?;
    tx.commit().await?;
    state.mail_wake.wake();
    calls::closing::close_after_cancel(state, id).await;
    Ok(cancelled)
}

/// 409 `conflict` for a booking that is cancelled or has started.
pub(crate) fn check_changeable(booking: &Booking, now: DateTime<Utc>) -> Result<(), AppError> {
    if booking.status == BookingStatus::Cancelled {
        return Err(AppError::Conflict(
            ErrorCode::Conflict,
            "This session is already cancelled.".into(),
        ));
    }
    if booking.start_time <= now {
        return Err(already_started());
    }
    Ok(())
}

/// One page of the user's own sessions; 400 `bad_request` for a cursor
/// this list did not hand out.
pub async fn page(
    state: &AppState,
    user: UserId,
    query: &BookingsQuery,
) -> Result<BookingPage, AppError> {
    let after = match query.cursor.as_deref() {
        None => None,
        Some(text) => Some(cursor::decode(text, query.scope).ok_or_else(|| {
            AppError::BadRequest("This page link is not valid: load the list again.".into())
        })?),
    };
    let limit = i64::try_from(PAGE_SIZE + 1).map_err(AppError::internal)?;
    let mut items = repo::page(
        state.db.reader(),
        user,
        query.scope,
        state.clock.now(),
        after,
        limit,
    )
    .await?;
    let next_cursor = if items.len() > PAGE_SIZE {
        items.truncate(PAGE_SIZE);
        items.last().map(|last| {
            let position = Position {
                start_time: last.start_time.timestamp(),
                id: last.id,
            };
            cursor::encode(query.scope, position)
        })
    } else {
        None
    };
    Ok(BookingPage { items, next_cursor })
}

pub(crate) fn slot_taken() -> AppError {
    AppError::Conflict(
        ErrorCode::SlotTaken,
        "This time is no longer free: somebody booked it first. Please pick another one.".into(),
    )
}

pub(crate) fn already_started() -> AppError {
    AppError::Conflict(
        ErrorCode::Conflict,
        "This session has already started.".into(),
    )
}
