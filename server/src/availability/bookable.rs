//! What clients can book: a day's times (one-off slots and times from
//! weekly hours together), a professional's next free time, and whether
//! a time from weekly hours is still free when someone books it.

use super::calendar;
use super::engine::{FreeTime, Rules};
use crate::error::AppError;
use crate::professionals;
use crate::state::AppState;
use crate::time_zone;
use chrono::{DateTime, Duration, Utc};
use sqlx::AnyConnection;
use tandem_api::availability::{BookableTime, BookingTarget, TimeSource};
use tandem_api::slots::SlotsQuery;
use tandem_api::{ErrorCode, FieldError, UserId};

/// A professional's times that start on `query.date` in the zone
/// `query.tz` and have not started, by start: their one-off slots and
/// booked times (with `is_booked`) and the free times of their weekly
/// hours. 404 `not_found` for no such professional, 422 for an unknown
/// zone or a date out of range.
pub async fn of_day(
    state: &AppState,
    professional: UserId,
    query: &SlotsQuery,
) -> Result<Vec<BookableTime>, AppError> {
    let tz = time_zone::parse(&query.tz).ok_or_else(|| {
        AppError::Validation(vec![FieldError {
            field: "tz".into(),
            message: format!(
                "{:?} is not a known time zone: use an IANA name such as Europe/Berlin.",
                query.tz
            ),
        }])
    })?;
    let (from, to) = time_zone::day_bounds(query.date, tz).ok_or_else(|| {
        AppError::Validation(vec![FieldError {
            field: "date".into(),
            message: "Pick a date between the years 1 and 9998.".into(),
        }])
    })?;
    let mut conn = state.db.reader().acquire().await?;
    if !professionals::exists(&mut *conn, professional).await? {
        return Err(AppError::Coded(
            ErrorCode::NotFound,
            "There is no such professional.".into(),
        ));
    }
    let now = state.clock.now();
    let slots =
        crate::slots::repo::starting_between(&mut *conn, professional, from, to, now).await?;
    let mut times: Vec<BookableTime> = slots
        .into_iter()
        .map(|(slot, source)| BookableTime {
            start_time: slot.start_time,
            end_time: slot.end_time,
            price_cents: slot.price_cents,
            is_booked: slot.is_booked,
            source,
            book: BookingTarget::Slot { slot_id: slot.id },
        })
        .collect();
    if let Some((rules, free)) =
        calendar::free_times(&mut conn, professional, from, to, now).await?
    {
        times.extend(free.into_iter().map(|time| BookableTime {
            start_time: time.start,
            end_time: time.end,
            price_cents: rules.price_cents,
            is_booked: false,
            source: TimeSource::WeeklyHours,
            book: BookingTarget::WeeklyHours {
                professional_id: professional,
                start_time: time.start,
            },
        }));
    }
    times.sort_by_key(|time| time.start_time);
    Ok(times)
}

/// How far [`next_free`] looks at a time, growing: most professionals
/// are free within the first window, so most answers read one week.
const SEARCH_WINDOWS_DAYS: [i64; 3] = [7, 49, 366];

/// The soonest time a client could book now: a free one-off slot or a
/// free time of the weekly hours.
pub async fn next_free(
    db: &mut AnyConnection,
    professional: UserId,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let one_off = crate::slots::repo::first_free_one_off(&mut *db, professional, now).await?;
    let mut from = now;
    for days in SEARCH_WINDOWS_DAYS {
        let to = now + Duration::days(days);
        // A one-off slot before this window's end wins over anything later.
        let Some((rules, free)) = calendar::free_times(db, professional, from, to, now).await?
        else {
            break;
        };
        if let Some(first) = free.first() {
            return Ok(Some(
                one_off.map_or(first.start, |slot| slot.min(first.start)),
            ));
        }
        if one_off.is_some_and(|slot| slot < to) || to > now + rules.horizon {
            break;
        }
        from = to;
    }
    Ok(one_off)
}

/// The free time of the weekly hours that starts at `start`, with the
/// rules that made it; `None` when no such time is free (booked, inside
/// the notice, past the horizon, or never offered).
pub async fn free_time_at(
    db: &mut AnyConnection,
    professional: UserId,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<(Rules, FreeTime)>, sqlx::Error> {
    let found =
        calendar::free_times(db, professional, start, start + Duration::seconds(1), now).await?;
    Ok(found.and_then(|(rules, times)| {
        times
            .into_iter()
            .find(|time| time.start == start)
            .map(|time| (rules, time))
    }))
}
