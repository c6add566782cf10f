//! Rescheduling: either person moves a booking to another free time of
//! the same professional. The booking keeps its id, its notes and its
//! call room; the new time is taken and the old one freed in one write
//! transaction, and both people are told.

use super::cutoff::{self, Change};
use super::{already_started, check_changeable, repo, slot_taken, taken_if_unique};
use crate::db::WriteScope;
use crate::error::AppError;
use crate::notices;
use crate::slots;
use crate::state::AppState;
use chrono::SubsecRound;
use tandem_api::availability::BookingTarget;
use tandem_api::bookings::{Booking, RescheduleBookingRequest};
use tandem_api::{BookingId, ErrorCode, FieldError, SlotId, UserId};

/// Moves the booking to the request's target, for one of its two people:
/// 404 for anyone else; 409 `conflict` once cancelled or started; 409
/// `inside_cutoff` for the client inside the cutoff; 422 for a time of
/// another professional; 409 `slot_taken` when the time is not free.
///
/// Two people racing for one new time queue on its lock (the slot's, or
/// the professional's slots' for weekly hours); the second finds it taken.
pub async fn reschedule(
    state: &AppState,
    user: UserId,
    id: BookingId,
    request: RescheduleBookingRequest,
) -> Result<Booking, AppError> {
    let now = state.clock.now();
    // Who the booking's professional is decides the lock to take; it never
    // changes, so reading it first is safe.
    let professional = repo::by_id(state.db.reader(), id)
        .await?
        .filter(|booking| booking.client.id == user || booking.professional.id == user)
        .ok_or(AppError::NotFound)?
        .professional
        .id;
    let target_scope = match request.target {
        BookingTarget::Slot { slot_id } => WriteScope::Slot(slot_id.0),
        BookingTarget::WeeklyHours { .. } => WriteScope::Slots(professional.0),
    };
    let mut tx = state
        .db
        .begin_write_all(&[WriteScope::Booking(id.0), target_scope])
        .await?;
    let booking = repo::by_id(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    check_changeable(&booking, now)?;
    cutoff::check(&booking, user, now, Change::Reschedule)?;
    let new_slot = match request.target {
        BookingTarget::Slot { slot_id } => published_slot(&mut tx, &booking, slot_id, now).await?,
        BookingTarget::WeeklyHours {
            professional_id,
            start_time,
        } => {
            if professional_id != professional {
                return Err(other_professional("professional_id"));
            }
            let start = start_time.trunc_subsecs(0);
            if start <= now {
                return Err(already_started());
            }
            if start == booking.start_time {
                return Err(same_time());
            }
            super::weekly_time_slot(&mut tx, professional, start, now).await?
        }
    };
    if !repo::move_to_slot(&mut *tx, id, new_slot, now)
        .await
        .map_err(taken_if_unique)?
    {
        return Err(AppError::internal("an active booking could not be moved"));
    }
    slots::repo::release_if_unbooked(&mut *tx, booking.slot_id, now).await?;
    let links = notices::links(&state.config);
    notices::rescheduled(
        &mut tx,
        &links,
        id,
        (booking.start_time, booking.end_time),
        now,
    )
    .await?;
    let moved = repo::by_id(&mut *tx, id)
        .await?
        .ok_or_else(|| AppError::internal("a moved booking cannot be read back"))?;
    tx.commit().await?;
    state.mail_wake.wake();
    Ok(moved)
}

/// A published slot of the booking's professional that is free and has
/// not started.
async fn published_slot(
    tx: &mut crate::db::Tx,
    booking: &Booking,
    slot_id: SlotId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<SlotId, AppError> {
    if slot_id == booking.slot_id {
        return Err(same_time());
    }
    let slot = slots::repo::by_id(&mut **tx, slot_id)
        .await?
        .ok_or_else(|| {
            AppError::Coded(
                ErrorCode::NotFound,
                "This slot does not exist any more.".into(),
            )
        })?;
    if slot.professional_id != booking.professional.id {
        return Err(other_professional("slot_id"));
    }
    if slot.start_time <= now {
        return Err(already_started());
    }
    if slot.is_booked {
        return Err(slot_taken());
    }
    Ok(slot.id)
}

fn other_professional(field: &str) -> AppError {
    AppError::Validation(vec![FieldError {
        field: field.into(),
        message: "A session can only move to another time of the same professional.".into(),
    }])
}

fn same_time() -> AppError {
    AppError::Conflict(
        ErrorCode::Conflict,
        "The session is already at this time: pick another one.".into(),
    )
}
