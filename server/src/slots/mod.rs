//! One-off availability slots: professionals publish and delete them
//! (a day's bookable times are in `availability::bookable`).

pub mod repo;

use crate::db::{self, WriteScope};
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, SubsecRound, Utc};
use tandem_api::availability::TimeSource;
use tandem_api::slots::{CreateSlotRequest, Slot};
use tandem_api::validation::{self, InvalidInput};
use tandem_api::{ErrorCode, FieldError, SlotId, UserId};

/// A slot request whose fields passed validation (times to the second,
/// as the database keeps them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewSlot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub price_cents: i64,
}

/// Applies the shared rules at `now`; every refused field gets its message.
pub fn validate(request: &CreateSlotRequest, now: DateTime<Utc>) -> Result<NewSlot, AppError> {
    let start = request.start_time.trunc_subsecs(0);
    let end = request.end_time.trunc_subsecs(0);
    let mut fields = Vec::new();
    if let Err(error) = validation::check_slot_times(start, end, now) {
        let field = match error {
            InvalidInput::SlotInPast => "start_time",
            _ => "end_time",
        };
        fields.push(field_error(field, error));
    }
    if let Err(error) = validation::check_price(request.price_cents) {
        fields.push(field_error("price_cents", error));
    }
    if !fields.is_empty() {
        return Err(AppError::Validation(fields));
    }
    Ok(NewSlot {
        start,
        end,
        price_cents: request.price_cents,
    })
}

fn field_error(field: &str, error: InvalidInput) -> FieldError {
    FieldError {
        field: field.into(),
        message: error.to_string(),
    }
}

/// Publishes the slot unless it overlaps another of the professional's
/// (409 `slot_overlap`). The check and the insert run in one write
/// transaction of the professional's slots, so two overlapping slots
/// created at once cannot both pass; on PostgreSQL the exclusion
/// constraint `slots_no_overlap` would refuse the second anyway.
pub async fn create(
    state: &AppState,
    professional: UserId,
    slot: NewSlot,
) -> Result<Slot, AppError> {
    let mut tx = state
        .db
        .begin_write(WriteScope::Slots(professional.0))
        .await?;
    if let Some(clash) =
        repo::first_overlapping(&mut *tx, professional, slot.start, slot.end).await?
    {
        return Err(AppError::Conflict(
            ErrorCode::SlotOverlap,
            format!(
                "This slot overlaps your slot of {}.",
                describe(clash.start_time, clash.end_time)
            ),
        ));
    }
    let created = repo::insert(
        &mut *tx,
        professional,
        slot.start,
        slot.end,
        slot.price_cents,
        TimeSource::OneOff,
        state.clock.now(),
    )
    .await
    .map_err(|error| {
        if db::is_exclusion_violation(&error) {
            AppError::Conflict(
                ErrorCode::SlotOverlap,
                "This slot overlaps another of your slots.".into(),
            )
        } else {
            AppError::from(error)
        }
    })?;
    tx.commit().await?;
    Ok(created)
}

/// Deletes one of the professional's own slots: 404 for no such slot, 403
/// for another professional's, 409 `conflict` while it is booked.
pub async fn delete(state: &AppState, professional: UserId, id: SlotId) -> Result<(), AppError> {
    let mut tx = state
        .db
        .begin_write_all(&[WriteScope::Slots(professional.0), WriteScope::Slot(id.0)])
        .await?;
    let slot = repo::by_id(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    if slot.professional_id != professional {
        return Err(AppError::Coded(
            ErrorCode::Forbidden,
            "This slot belongs to another professional.".into(),
        ));
    }
    if slot.is_booked {
        return Err(AppError::Conflict(
            ErrorCode::Conflict,
            "This slot is booked, so it cannot be deleted. Cancel the session first.".into(),
        ));
    }
    repo::delete_with_cancelled_bookings(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// The professional's own slots that have not ended, soonest first.
pub async fn own(state: &AppState, professional: UserId) -> Result<Vec<Slot>, AppError> {
    Ok(repo::not_ended(state.db.reader(), professional, state.clock.now()).await?)
}

/// "2026-11-21 09:00 to 10:00 UTC", or with both dates when they differ.
fn describe(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let end_format = if start.date_naive() == end.date_naive() {
        "%H:%M"
    } else {
        "%Y-%m-%d %H:%M"
    };
    format!(
        "{} to {} UTC",
        start.format("%Y-%m-%d %H:%M"),
        end.format(end_format)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
            .single()
            .expect("valid time")
    }

    fn request(start: DateTime<Utc>, minutes: i64, price_cents: i64) -> CreateSlotRequest {
        CreateSlotRequest {
            start_time: start,
            end_time: start + Duration::minutes(minutes),
            price_cents,
        }
    }

    fn refused_fields(result: Result<NewSlot, AppError>) -> Vec<String> {
        match result {
            Err(AppError::Validation(fields)) => fields.into_iter().map(|f| f.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn each_rule_names_its_field() {
        let later = now() + Duration::hours(1);
        assert_eq!(
            refused_fields(validate(&request(later, -15, 5_000), now())),
            ["end_time"]
        );
        assert_eq!(
            refused_fields(validate(&request(later, 14, 5_000), now())),
            ["end_time"]
        );
        assert_eq!(
            refused_fields(validate(&request(now(), 60, 5_000), now())),
            ["start_time"]
        );
        assert_eq!(
            refused_fields(validate(&request(now(), 60, 99), now())),
            ["start_time", "price_cents"]
        );
    }

    #[test]
    fn times_are_kept_to_the_second() {
        let start = now() + Duration::hours(1) + Duration::milliseconds(700);
        let slot = validate(&request(start, 60, 5_000), now()).expect("valid slot");
        assert_eq!(slot.start, now() + Duration::hours(1));
        assert_eq!(slot.end, now() + Duration::hours(2));
    }

    #[test]
    fn clashes_are_described_in_utc() {
        let start = now();
        assert_eq!(
            describe(start, start + Duration::hours(1)),
            "2026-11-21 09:00 to 10:00 UTC"
        );
        assert_eq!(
            describe(start + Duration::hours(14), start + Duration::hours(16)),
            "2026-11-21 23:00 to 2026-11-22 01:00 UTC"
        );
    }
}
