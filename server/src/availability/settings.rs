//! A professional's own rules, weekly hours and date overrides:
//! `GET`/`PUT /api/availability` and `/api/availability/overrides…`.

use super::repo;
use crate::db::WriteScope;
use crate::error::AppError;
use crate::state::AppState;
use crate::time_zone;
use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use tandem_api::availability::{
    self, Availability, CreateOverrideRequest, DateOverride, DayHours, RefusedField,
    HORIZON_MAX_DAYS, OVERRIDES_MAX,
};
use tandem_api::{ErrorCode, FieldError, OverrideId, UserId};

/// The saved rules, or the starting ones (no hours, the account's zone)
/// for a professional who never saved any.
pub async fn get(state: &AppState, professional: UserId) -> Result<Availability, AppError> {
    let mut conn = state.db.reader().acquire().await?;
    if let Some(saved) = repo::rules(&mut conn, professional).await? {
        return Ok(saved);
    }
    let zone = repo::account_time_zone(&mut conn, professional)
        .await?
        .filter(|name| time_zone::parse(name).is_some())
        .unwrap_or_else(|| "UTC".to_owned());
    Ok(Availability::starting(zone))
}

/// Checks and saves the rules: 422 naming each refused field. Each day's
/// ranges are kept in order and days without ranges are left out, so
/// what comes back is what the engine will use.
pub async fn put(
    state: &AppState,
    professional: UserId,
    request: Availability,
) -> Result<Availability, AppError> {
    let mut refused: Vec<FieldError> = availability::validate(&request)
        .into_iter()
        .map(field_error)
        .collect();
    if time_zone::parse(&request.time_zone).is_none() {
        refused.insert(
            0,
            FieldError {
                field: "time_zone".into(),
                message: format!(
                    "{:?} is not a known time zone: use an IANA name such as Europe/Berlin.",
                    request.time_zone
                ),
            },
        );
    }
    if !refused.is_empty() {
        return Err(AppError::Validation(refused));
    }
    let mut saved = request;
    saved.time_zone = saved.time_zone.trim().to_owned();
    saved.weekly_hours.retain(|day| !day.ranges.is_empty());
    for day in &mut saved.weekly_hours {
        day.ranges.sort();
    }
    saved.weekly_hours.sort_by_key(|day: &DayHours| day.weekday);
    let mut tx = state
        .db
        .begin_write(WriteScope::Slots(professional.0))
        .await?;
    repo::save(&mut tx, professional, &saved, state.clock.now()).await?;
    tx.commit().await?;
    Ok(saved)
}

/// The overrides from today (in the professional's zone) on, by date.
pub async fn overrides(
    state: &AppState,
    professional: UserId,
) -> Result<Vec<DateOverride>, AppError> {
    let today = today(state, &get(state, professional).await?);
    let mut conn = state.db.reader().acquire().await?;
    let last = today + Days::new(u64::from(HORIZON_MAX_DAYS) * 2);
    Ok(repo::overrides_between(&mut conn, professional, today, last).await?)
}

/// Sets other hours (or a day off) on one date, replacing that date's
/// override: 422 for a past date, one too far ahead, or bad ranges.
pub async fn add_override(
    state: &AppState,
    professional: UserId,
    request: CreateOverrideRequest,
) -> Result<DateOverride, AppError> {
    let rules = get(state, professional).await?;
    let today = today(state, &rules);
    let mut refused = Vec::new();
    if request.date < today {
        refused.push(FieldError {
            field: "date".into(),
            message: "Pick today or a later date.".into(),
        });
    } else if request.date > today + Days::new(u64::from(HORIZON_MAX_DAYS)) {
        refused.push(FieldError {
            field: "date".into(),
            message: format!("Pick a date at most {HORIZON_MAX_DAYS} days ahead."),
        });
    }
    refused.extend(
        availability::check_ranges(&request.ranges, rules.session_minutes, "ranges")
            .into_iter()
            .map(field_error),
    );
    if !refused.is_empty() {
        return Err(AppError::Validation(refused));
    }
    let mut ranges = request.ranges;
    ranges.sort();
    let mut tx = state
        .db
        .begin_write(WriteScope::Slots(professional.0))
        .await?;
    let existing = repo::count_from(&mut tx, professional, today).await?;
    if usize::try_from(existing).unwrap_or(usize::MAX) >= OVERRIDES_MAX {
        return Err(AppError::Conflict(
            ErrorCode::Conflict,
            format!("You can have at most {OVERRIDES_MAX} upcoming overrides: delete some first."),
        ));
    }
    let id = repo::replace_override(
        &mut tx,
        professional,
        request.date,
        &ranges,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(DateOverride {
        id,
        date: request.date,
        ranges,
    })
}

/// 404 for an override that is not the professional's.
pub async fn delete_override(
    state: &AppState,
    professional: UserId,
    id: OverrideId,
) -> Result<(), AppError> {
    let mut tx = state
        .db
        .begin_write(WriteScope::Slots(professional.0))
        .await?;
    if !repo::delete_override(&mut tx, professional, id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Today's date in the zone of the rules (from [`get`]: the saved ones',
/// else the account's, else UTC).
fn today(state: &AppState, rules: &Availability) -> NaiveDate {
    let zone: Tz = time_zone::parse(&rules.time_zone).unwrap_or(chrono_tz::UTC);
    state.clock.now().with_timezone(&zone).date_naive()
}

fn field_error(refused: RefusedField) -> FieldError {
    FieldError {
        field: refused.field,
        message: refused.error.to_string(),
    }
}
