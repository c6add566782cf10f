//! The tables `availability_rules`, `weekly_hours`,
//! `availability_overrides` and `override_ranges`.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use tandem_api::availability::{
    Availability, ClockTime, DateOverride, DayHours, TimeRange, Weekday,
};
use tandem_api::{OverrideId, UserId};

type RulesRow = (String, i64, i64, i64, i64, i64, i64);

/// The professional's saved rules and weekly hours; `None` before the
/// first save.
pub async fn rules(
    db: &mut AnyConnection,
    professional: UserId,
) -> Result<Option<Availability>, sqlx::Error> {
    let row: Option<RulesRow> = sqlx::query_as(
        "SELECT time_zone, session_minutes, buffer_minutes, notice_hours, horizon_days,
                price_cents, cancellation_cutoff_hours
         FROM availability_rules WHERE professional_id = $1",
    )
    .bind(professional.0)
    .fetch_optional(&mut *db)
    .await?;
    let Some((time_zone, session, buffer, notice, horizon, price_cents, cutoff)) = row else {
        return Ok(None);
    };
    let ranges: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT weekday, start_minute, end_minute FROM weekly_hours
         WHERE professional_id = $1 ORDER BY weekday, start_minute",
    )
    .bind(professional.0)
    .fetch_all(&mut *db)
    .await?;
    let mut weekly_hours: Vec<DayHours> = Vec::new();
    for (weekday, start, end) in ranges {
        let weekday = u8::try_from(weekday)
            .ok()
            .and_then(Weekday::from_index)
            .ok_or_else(|| decode_error("weekday"))?;
        let range = time_range(start, end)?;
        match weekly_hours.last_mut() {
            Some(day) if day.weekday == weekday => day.ranges.push(range),
            _ => weekly_hours.push(DayHours {
                weekday,
                ranges: vec![range],
            }),
        }
    }
    Ok(Some(Availability {
        time_zone,
        session_minutes: small(session)?,
        buffer_minutes: small(buffer)?,
        notice_hours: small(notice)?,
        horizon_days: small(horizon)?,
        cancellation_cutoff_hours: small(cutoff)?,
        price_cents,
        weekly_hours,
    }))
}

/// Replaces the professional's rules and weekly hours. Run it in a write
/// transaction of the professional's slots.
pub async fn save(
    db: &mut AnyConnection,
    professional: UserId,
    availability: &Availability,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO availability_rules (professional_id, time_zone, session_minutes,
             buffer_minutes, notice_hours, horizon_days, price_cents, updated_at,
             cancellation_cutoff_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (professional_id) DO UPDATE SET
             time_zone = excluded.time_zone, session_minutes = excluded.session_minutes,
             buffer_minutes = excluded.buffer_minutes, notice_hours = excluded.notice_hours,
             horizon_days = excluded.horizon_days, price_cents = excluded.price_cents,
             updated_at = excluded.updated_at,
             cancellation_cutoff_hours = excluded.cancellation_cutoff_hours",
    )
    .bind(professional.0)
    .bind(&availability.time_zone)
    .bind(i64::from(availability.session_minutes))
    .bind(i64::from(availability.buffer_minutes))
    .bind(i64::from(availability.notice_hours))
    .bind(i64::from(availability.horizon_days))
    .bind(availability.price_cents)
    .bind(now.timestamp())
    .bind(i64::from(availability.cancellation_cutoff_hours))
    .execute(&mut *db)
    .await?;
    sqlx::query("DELETE FROM weekly_hours WHERE professional_id = $1")
        .bind(professional.0)
        .execute(&mut *db)
        .await?;
    for day in &availability.weekly_hours {
        for range in &day.ranges {
            sqlx::query(
                "INSERT INTO weekly_hours (professional_id, weekday, start_minute, end_minute)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(professional.0)
            .bind(i64::from(day.weekday.index()))
            .bind(i64::from(range.start.minutes()))
            .bind(i64::from(range.end.minutes()))
            .execute(&mut *db)
            .await?;
        }
    }
    Ok(())
}

/// The professional's overrides on `[from, to]`, by date.
pub async fn overrides_between(
    db: &mut AnyConnection,
    professional: UserId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DateOverride>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT o.id, o.date, r.start_minute, r.end_minute
         FROM availability_overrides o
         LEFT JOIN override_ranges r ON r.override_id = o.id
         WHERE o.professional_id = $1 AND o.date >= $2 AND o.date <= $3
         ORDER BY o.date, r.start_minute",
    )
    .bind(professional.0)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(&mut *db)
    .await?;
    let mut overrides: Vec<DateOverride> = Vec::new();
    for (id, date, start, end) in rows {
        let id = OverrideId(id);
        if overrides.last().map(|last| last.id) != Some(id) {
            overrides.push(DateOverride {
                id,
                date: date.parse().map_err(|_| decode_error("date"))?,
                ranges: Vec::new(),
            });
        }
        if let (Some(start), Some(end), Some(last)) = (start, end, overrides.last_mut()) {
            last.ranges.push(time_range(start, end)?);
        }
    }
    Ok(overrides)
}

/// The same as [`overrides_between`], keyed by date for the rule engine.
pub async fn override_map(
    db: &mut AnyConnection,
    professional: UserId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<BTreeMap<NaiveDate, Vec<TimeRange>>, sqlx::Error> {
    Ok(overrides_between(db, professional, from, to)
        .await?
        .into_iter()
        .map(|entry| (entry.date, entry.ranges))
        .collect())
}

/// How many overrides the professional has on `from` or later.
pub async fn count_from(
    db: &mut AnyConnection,
    professional: UserId,
    from: NaiveDate,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM availability_overrides WHERE professional_id = $1 AND date >= $2",
    )
    .bind(professional.0)
    .bind(from.to_string())
    .fetch_one(&mut *db)
    .await
}

/// Sets the hours of one date, replacing any override it had. Run it in a
/// write transaction of the professional's slots.
pub async fn replace_override(
    db: &mut AnyConnection,
    professional: UserId,
    date: NaiveDate,
    ranges: &[TimeRange],
    now: DateTime<Utc>,
) -> Result<OverrideId, sqlx::Error> {
    sqlx::query("DELETE FROM availability_overrides WHERE professional_id = $1 AND date = $2")
        .bind(professional.0)
        .bind(date.to_string())
        .execute(&mut *db)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO availability_overrides (professional_id, date, created_at)
         VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(professional.0)
    .bind(date.to_string())
    .bind(now.timestamp())
    .fetch_one(&mut *db)
    .await?;
    for range in ranges {
        sqlx::query(
            "INSERT INTO override_ranges (override_id, start_minute, end_minute)
             VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i64::from(range.start.minutes()))
        .bind(i64::from(range.end.minutes()))
        .execute(&mut *db)
        .await?;
    }
    Ok(OverrideId(id))
}

/// Deletes one of the professional's overrides; `false` if they have no
/// such override.
pub async fn delete_override(
    db: &mut AnyConnection,
    professional: UserId,
    id: OverrideId,
) -> Result<bool, sqlx::Error> {
    let deleted =
        sqlx::query("DELETE FROM availability_overrides WHERE id = $1 AND professional_id = $2")
            .bind(id.0)
            .bind(professional.0)
            .execute(&mut *db)
            .await?;
    Ok(deleted.rows_affected() == 1)
}

/// Removes everything of this module for a deleted account.
pub async fn delete_all(db: &mut AnyConnection, professional: UserId) -> Result<(), sqlx::Error> {
    for statement in [
        "DELETE FROM availability_overrides WHERE professional_id = $1",
        "DELETE FROM weekly_hours WHERE professional_id = $1",
        "DELETE FROM availability_rules WHERE professional_id = $1",
    ] {
        sqlx::query(statement)
            .bind(professional.0)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

fn time_range(start: i64, end: i64) -> Result<TimeRange, sqlx::Error> {
    let clock = |minutes: i64| {
        u16::try_from(minutes)
            .ok()
            .and_then(ClockTime::from_minutes)
            .ok_or_else(|| decode_error("minute"))
    };
    Ok(TimeRange {
        start: clock(start)?,
        end: clock(end)?,
    })
}

fn small(value: i64) -> Result<u16, sqlx::Error> {
    u16::try_from(value).map_err(|_| decode_error("rule"))
}

fn decode_error(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("an availability {what} out of range").into())
}

/// The zone the person chose for their account, if any.
pub async fn account_time_zone(
    db: &mut AnyConnection,
    user: UserId,
) -> Result<Option<String>, sqlx::Error> {
    let zone: Option<Option<String>> =
        sqlx::query_scalar("SELECT time_zone FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(&mut *db)
            .await?;
    Ok(zone.flatten())
}
