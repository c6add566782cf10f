//! Loads what the rule engine needs for one professional and a window of
//! time: their rules, the overrides of the dates around it and the time
//! their slots hold.

use super::engine::{self, Calendar, FreeTime, Rules};
use super::repo;
use crate::time_zone;
use chrono::{DateTime, Days, Duration, Utc};
use sqlx::AnyConnection;
use tandem_api::availability::{Availability, Weekday};
use tandem_api::UserId;

/// The engine's rules from saved ones; `None` for a zone this server does
/// not know (saving refuses those, so only a zone database change can).
pub fn engine_rules(availability: &Availability) -> Option<Rules> {
    let time_zone = time_zone::parse(&availability.time_zone)?;
    Some(Rules {
        time_zone,
        session: Duration::minutes(i64::from(availability.session_minutes)),
        buffer: Duration::minutes(i64::from(availability.buffer_minutes)),
        notice: Duration::hours(i64::from(availability.notice_hours)),
        horizon: Duration::days(i64::from(availability.horizon_days)),
        price_cents: availability.price_cents,
        weekly: Weekday::ALL.map(|day| availability.ranges_of(day).to_vec()),
    })
}

/// The professional's rules and the calendar the engine needs for times
/// starting in `[from, to)`; `None` when they have no usable rules.
pub async fn load(
    db: &mut AnyConnection,
    professional: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Option<(Rules, Calendar)>, sqlx::Error> {
    let Some(rules) = repo::rules(db, professional)
        .await?
        .as_ref()
        .and_then(engine_rules)
    else {
        return Ok(None);
    };
    let first_date = from.with_timezone(&rules.time_zone).date_naive() - Days::new(1);
    let last_date = to.with_timezone(&rules.time_zone).date_naive() + Days::new(1);
    let overrides = repo::override_map(db, professional, first_date, last_date).await?;
    // A slot matters when it comes within a buffer of a time, and a time
    // lasts at most a session plus its buffer after `to`'s last start.
    let reach = rules.session + rules.buffer + Duration::hours(1);
    let held = crate::slots::repo::held_between(
        &mut *db,
        professional,
        from - Duration::hours(1),
        to + reach,
    )
    .await?;
    Ok(Some((rules, Calendar { overrides, held })))
}

/// The professional's free times from weekly hours that start in
/// `[from, to)`, with their rules.
pub async fn free_times(
    db: &mut AnyConnection,
    professional: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<(Rules, Vec<FreeTime>)>, sqlx::Error> {
    Ok(load(db, professional, from, to)
        .await?
        .map(|(rules, calendar)| {
            let times = engine::free_times(&rules, &calendar, from, to, now);
            (rules, times)
        }))
}
