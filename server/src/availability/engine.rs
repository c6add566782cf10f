//! The rule engine: which times a professional can be booked at, from
//! their weekly hours, date overrides, buffers, notice and horizon, minus
//! the time their slots already hold. Pure: no database, no clock.
//!
//! Hours are wall-clock times in the professional's zone. A local time
//! that does not exist (the hour skipped when clocks go forward) offers
//! nothing; one that exists twice (clocks going back) is its first
//! occurrence. A session lasts its length in real time, so on a
//! daylight-saving day its local end may move by the change.

use chrono::{DateTime, Days, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;
use tandem_api::availability::{TimeRange, Weekday};

/// A professional's rules, checked and typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    pub time_zone: Tz,
    pub session: Duration,
    /// Free time after each session, kept clear of the next one.
    pub buffer: Duration,
    /// How long before its start a time can still be booked.
    pub notice: Duration,
    /// How far after now a time may start.
    pub horizon: Duration,
    pub price_cents: i64,
    /// Ranges of each weekday, Monday first.
    pub weekly: [Vec<TimeRange>; 7],
}

/// Time a slot holds: `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Held {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A computed bookable time, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FreeTime {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What [`free_times`] looks at besides the rules.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// Other hours (empty: a day off) on local dates.
    pub overrides: BTreeMap<NaiveDate, Vec<TimeRange>>,
    /// Every unreleased slot of the professional near the window, booked or
    /// not: a computed time never overlaps one, buffers included.
    pub held: Vec<Held>,
}

/// The free times that start in `[from, to)`, by start, at `now`.
///
/// Each time, with the buffer after it, is clear of every held slot and
/// its buffer, and of the times before it; it starts at least `notice`
/// after `now` and at most `horizon` after `now`. Times are laid out from
/// each range's start, one session plus buffer apart.
pub fn free_times(
    rules: &Rules,
    calendar: &Calendar,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<FreeTime> {
    let earliest = from.max(now + rules.notice);
    let latest = to.min(now + rules.horizon + Duration::seconds(1));
    if earliest >= latest {
        return Vec::new();
    }
    let held = HeldIndex::new(&calendar.held);
    let step = rules.session + rules.buffer;
    let mut times: Vec<FreeTime> = Vec::new();
    for date in local_dates(rules.time_zone, earliest, latest) {
        let ranges = calendar
            .overrides
            .get(&date)
            .map(Vec::as_slice)
            .unwrap_or_else(|| &rules.weekly[usize::from(weekday_of(date).index())]);
        let mut day: Vec<FreeTime> = Vec::new();
        for range in ranges {
            let range_end = Duration::minutes(i64::from(range.end.minutes()));
            let mut offset = Duration::minutes(i64::from(range.start.minutes()));
            while offset + rules.session <= range_end {
                if let Some(start) = local_instant(rules.time_zone, date, offset) {
                    day.push(FreeTime {
                        start,
                        end: start + rules.session,
                    });
                }
                offset += step;
            }
        }
        day.sort();
        times.extend(day);
    }
    times.sort();
    // A daylight-saving change can bring two wall-clock times closer in
    // real time than a session; the first one stays. This looks at every
    // time laid out, whatever the window, so the answer for one time does
    // not depend on the window it is asked in.
    let mut laid_out: Vec<FreeTime> = Vec::with_capacity(times.len());
    for time in times {
        if laid_out
            .last()
            .is_some_and(|previous| time.start < previous.end + rules.buffer)
        {
            continue;
        }
        laid_out.push(time);
    }
    let mut free = laid_out;
    free.retain(|time| {
        time.start >= earliest
            && time.start < latest
            && !held.meets(time.start, time.end + rules.buffer, rules.buffer)
    });
    free
}

/// Held slots by start, with the latest end among each slot and those
/// before it, so one binary search tells whether a time meets any.
struct HeldIndex {
    starts: Vec<DateTime<Utc>>,
    latest_end: Vec<DateTime<Utc>>,
}

impl HeldIndex {
    fn new(held: &[Held]) -> Self {
        let mut sorted = held.to_vec();
        sorted.sort();
        let mut latest_end = Vec::with_capacity(sorted.len());
        let mut latest = DateTime::<Utc>::MIN_UTC;
        for slot in &sorted {
            latest = latest.max(slot.end);
            latest_end.push(latest);
        }
        Self {
            starts: sorted.iter().map(|slot| slot.start).collect(),
            latest_end,
        }
    }

    /// Whether `[start, clear_until)` meets a held slot or the `buffer`
    /// after it.
    fn meets(&self, start: DateTime<Utc>, clear_until: DateTime<Utc>, buffer: Duration) -> bool {
        let before = self.starts.partition_point(|held| *held < clear_until);
        before > 0 && self.latest_end[before - 1] + buffer > start
    }
}

/// The local dates whose hours can produce a time in `[from, to)`: one
/// day either side, since a zone is at most 14 hours from UTC.
fn local_dates(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<NaiveDate> {
    let first = from.with_timezone(&tz).date_naive() - Days::new(1);
    let last = to.with_timezone(&tz).date_naive() + Days::new(1);
    first.iter_days().take_while(|date| *date <= last).collect()
}

fn weekday_of(date: NaiveDate) -> Weekday {
    use chrono::Datelike;
    Weekday::from_chrono(date.weekday())
}

/// The instant of `date` + `offset` (under a day) in `tz`: `None` in a
/// gap, the first occurrence when ambiguous.
fn local_instant(tz: Tz, date: NaiveDate, offset: Duration) -> Option<DateTime<Utc>> {
    let local = date.and_time(NaiveTime::MIN) + offset;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(time) => Some(time.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

#[cfg(test)]
mod tests;
