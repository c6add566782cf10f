//! A professional's weekly hours, rules, overrides and the preview of what
//! clients see: a new professional's empty week, a filled week, mistakes
//! shown before saving, the preview loading and failing, the hours loading
//! and failing.

use chrono::{Datelike, Duration, NaiveDate, Weekday as ChronoWeekday};
use leptos::prelude::*;
use tandem_api::availability::{
    Availability, BookableTime, BookingTarget, DateOverride, DayHours, TimeRange, TimeSource,
    Weekday,
};
use tandem_api::slots::Slot;
use tandem_api::OverrideId;

use crate::api::ApiError;
use crate::components::load_state::Remote;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::availability::preview::{DayTimes, Preview, PREVIEW_DAYS};
use crate::pages::availability::AvailabilityView;

const PAGE: &str = "availability";
const TITLE: &str = "Availability";
const ZONE: &str = "Europe/Berlin";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("week-new", "A new professional's empty week", || {
            page(Parts {
                rules: Some(Ok(Availability::starting(ZONE.into()))),
                overrides: Some(Ok(Vec::new())),
                preview: preview(|_| DayTimes::Times(Vec::new())),
                ..Parts::default()
            })
        }),
        state(
            "week-filled",
            "Weekly hours, overrides and the preview",
            || page(Parts::default()),
        ),
        state("week-mistakes", "Mistakes shown before saving", || {
            let mut rules = filled_week();
            rules.session_minutes = 10;
            if let Some(tuesday) = rules.weekly_hours.get_mut(1) {
                tuesday.ranges[1] = range(14, 13);
            }
            page(Parts {
                rules: Some(Ok(rules)),
                show_errors: true,
                ..Parts::default()
            })
        }),
        state("preview-loading", "The preview loading", || {
            page(Parts {
                preview: preview(|offset| {
                    if offset < 3 {
                        week_times(offset)
                    } else {
                        DayTimes::Loading
                    }
                }),
                ..Parts::default()
            })
        }),
        state("preview-failed", "The preview failing", || {
            page(Parts {
                preview: preview(|offset| {
                    if offset < 4 {
                        week_times(offset)
                    } else {
                        DayTimes::Failed(fixtures::unreachable())
                    }
                }),
                ..Parts::default()
            })
        }),
        state("hours-loading", "The hours loading", || {
            page(Parts {
                rules: None,
                ..Parts::default()
            })
        }),
        state("hours-failed", "The hours failing to load", || {
            page(Parts {
                rules: Some(Err(fixtures::unreachable())),
                ..Parts::default()
            })
        }),
    ]
}

/// What the page is fed; by default a filled week with overrides and times.
pub struct Parts {
    pub own: Option<Result<Vec<Slot>, ApiError>>,
    pub rules: Option<Result<Availability, ApiError>>,
    pub overrides: Option<Result<Vec<DateOverride>, ApiError>>,
    pub preview: Vec<(NaiveDate, DayTimes)>,
    pub show_errors: bool,
}

impl Default for Parts {
    fn default() -> Self {
        Self {
            own: Some(Ok(Vec::new())),
            rules: Some(Ok(filled_week())),
            overrides: Some(Ok(overrides())),
            preview: preview(week_times),
            show_errors: false,
        }
    }
}

/// The availability page signed in as Maya, fed with `parts`.
pub fn page(parts: Parts) -> AnyView {
    show_as(Some(fixtures::maya()));
    let own = Remote::fixed((), parts.own);
    let rules = Remote::fixed((), parts.rules);
    let overrides = Remote::fixed((), parts.overrides);
    let preview = Preview::fixed(parts.preview);
    let today = fixtures::today();
    let show_errors = parts.show_errors;
    view! {
        <section aria-labelledby="availability-title">
            <AvailabilityView own rules overrides preview today show_errors />
        </section>
    }
    .into_any()
}

fn range(start_hour: u16, end_hour: u16) -> TimeRange {
    let at = |hour: u16| {
        tandem_api::availability::ClockTime::hm(hour, 0)
            .unwrap_or(tandem_api::availability::ClockTime::MIDNIGHT)
    };
    TimeRange {
        start: at(start_hour),
        end: at(end_hour),
    }
}

/// Mornings and afternoons Monday to Thursday, Friday mornings.
pub fn filled_week() -> Availability {
    let mut rules = Availability::starting(ZONE.into());
    rules.weekly_hours = Weekday::ALL[..5]
        .iter()
        .map(|&weekday| DayHours {
            weekday,
            ranges: if weekday == Weekday::Friday {
                vec![range(9, 13)]
            } else {
                vec![range(9, 12), range(14, 18)]
            },
        })
        .collect();
    rules
}

/// A day off in three days, other hours in nine.
fn overrides() -> Vec<DateOverride> {
    let today = fixtures::today();
    vec![
        DateOverride {
            id: OverrideId(1),
            date: today + Duration::days(3),
            ranges: Vec::new(),
        },
        DateOverride {
            id: OverrideId(2),
            date: today + Duration::days(9),
            ranges: vec![range(10, 14)],
        },
    ]
}

/// The preview's days from today, each as `day(offset)` says.
fn preview(day: impl Fn(i64) -> DayTimes) -> Vec<(NaiveDate, DayTimes)> {
    let today = fixtures::today();
    (0..PREVIEW_DAYS as i64)
        .map(|offset| (today + Duration::days(offset), day(offset)))
        .collect()
}

/// The times of [`filled_week`] on the day `offset` days from today (the
/// overrides' day off has none); the second is booked.
fn week_times(offset: i64) -> DayTimes {
    let date = fixtures::today() + Duration::days(offset);
    let hours: &[u32] = match date.weekday() {
        _ if offset == 3 => &[],
        ChronoWeekday::Sat | ChronoWeekday::Sun => &[],
        ChronoWeekday::Fri => &[9, 10, 11],
        _ if offset == 9 => &[10, 11, 12],
        _ => &[9, 10, 11, 14, 15, 16],
    };
    let maya = fixtures::maya().id;
    DayTimes::Times(
        hours
            .iter()
            .enumerate()
            .map(|(index, &hour)| {
                let start_time = fixtures::local_time(date, hour, 0);
                BookableTime {
                    start_time,
                    end_time: start_time + Duration::minutes(50),
                    price_cents: 8_000,
                    is_booked: index == 1,
                    source: TimeSource::WeeklyHours,
                    book: BookingTarget::WeeklyHours {
                        professional_id: maya,
                        start_time,
                    },
                }
            })
            .collect(),
    )
}
