//! The next two weeks as clients see them: each day's bookable times from
//! `GET /api/professionals/{id}/slots`, in the viewer's time zone. The days
//! load one after another, again after each save or override change.

use chrono::{Local, NaiveDate};
use leptos::prelude::*;
use tandem_api::availability::BookableTime;
use tandem_api::UserId;

use crate::api::ApiError;
use crate::availability::requests;
use crate::booking::time;
use crate::components::time_zone::{TimesIn, ViewerZone};

/// How many days the preview shows, today first.
pub const PREVIEW_DAYS: u64 = 14;

/// One day of the preview.
#[derive(Debug, Clone, PartialEq)]
pub enum DayTimes {
    Loading,
    Times(Vec<BookableTime>),
    Failed(ApiError),
}

/// The preview's days and what asks for them again.
#[derive(Clone, Copy)]
pub struct Preview {
    days: RwSignal<Vec<(NaiveDate, DayTimes)>>,
    version: RwSignal<u32>,
    /// The round of requests of the current version (none for fixed days);
    /// it runs again when the version changes.
    _loader: Option<LocalResource<()>>,
}

impl Preview {
    /// Loads `professional`'s next days as seen from `zone`, one request at
    /// a time, and again after [`Self::refresh`]. A refresh keeps the old
    /// times on show until each day's new answer arrives; the requests of an
    /// older round are aborted.
    pub fn load(professional: UserId, today: NaiveDate, zone: String) -> Self {
        let dates = time::next_days(today, PREVIEW_DAYS);
        let days = RwSignal::new(dates.iter().map(|d| (*d, DayTimes::Loading)).collect());
        let version = RwSignal::new(0u32);
        let loader = LocalResource::new(move || {
            let round = version.get();
            let (dates, zone) = (dates.clone(), zone.clone());
            async move {
                for (index, date) in dates.into_iter().enumerate() {
                    let answer = requests::bookable_times(professional, date, &zone).await;
                    if version.get_untracked() != round {
                        return;
                    }
                    let state = match answer {
                        Ok(times) => DayTimes::Times(times),
                        Err(error) => DayTimes::Failed(error),
                    };
                    days.update(|days: &mut Vec<(NaiveDate, DayTimes)>| {
                        if let Some(day) = days.get_mut(index) {
                            day.1 = state;
                        }
                    });
                }
            }
        });
        Self {
            days,
            version,
            _loader: Some(loader),
        }
    }

    /// Days whose times are already known (the gallery).
    pub fn fixed(days: Vec<(NaiveDate, DayTimes)>) -> Self {
        Self {
            days: RwSignal::new(days),
            version: RwSignal::new(0),
            _loader: None,
        }
    }

    /// Asks for every day again (after a save or an override change).
    pub fn refresh(&self) {
        self.version.update(|v| *v += 1);
    }

    /// Asks again for the days that failed, showing them as loading.
    fn retry(&self) {
        self.days.update(|days| {
            for day in days.iter_mut() {
                if matches!(day.1, DayTimes::Failed(_)) {
                    day.1 = DayTimes::Loading;
                }
            }
        });
        self.refresh();
    }
}

#[component]
pub fn PreviewSection(preview: Preview, today: NaiveDate) -> impl IntoView {
    let zone = ViewerZone::current();
    let failed = Memo::new(move |_| {
        preview.days.with(|days| {
            days.iter().find_map(|(_, state)| match state {
                DayTimes::Failed(error) => Some(error.user_message()),
                _ => None,
            })
        })
    });
    view! {
        <section class="card stack" aria-labelledby="preview-title">
            <div>
                <h2 id="preview-title" class="card__title">
                    "What clients see"
                </h2>
                <p class="muted small">"Your bookable times for the next two weeks."</p>
                <TimesIn zone />
            </div>
            {move || {
                failed
                    .get()
                    .map(|message| {
                        view! {
                            <div class="alert alert--error" role="alert">
                                <p class="alert__title">"Some days could not be loaded"</p>
                                <p>{message}</p>
                                <div class="alert__actions">
                                    <button
                                        type="button"
                                        class="btn btn--secondary btn--small"
                                        on:click=move |_| preview.retry()
                                    >
                                        "Retry"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            <ul class="preview" role="list">
                {move || {
                    preview
                        .days
                        .get()
                        .into_iter()
                        .map(|(date, state)| view! { <PreviewDay date state today /> })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

#[component]
fn PreviewDay(date: NaiveDate, state: DayTimes, today: NaiveDate) -> impl IntoView {
    let label = if date == today {
        format!("Today {}", time::day_month(date))
    } else {
        time::short_date(date, today)
    };
    let heading_id = format!("preview-{}", time::date_input_value(date));
    let body = match state {
        DayTimes::Loading => view! { <p class="muted small">"Loading…"</p> }.into_any(),
        DayTimes::Failed(_) => view! { <p class="muted small">"Not loaded"</p> }.into_any(),
        DayTimes::Times(times) if times.is_empty() => {
            view! { <p class="muted small">"No times"</p> }.into_any()
        }
        DayTimes::Times(times) => view! {
            <ul class="preview-day__times" role="list" aria-labelledby=heading_id.clone()>
                {times
                    .into_iter()
                    .map(|t| {
                        let clock = time::clock(&Local, t.start_time);
                        view! {
                            <li class="preview-time" class:is-booked=t.is_booked>
                                {clock}
                                {t.is_booked.then(|| view! { <span class="visually-hidden">" (booked)"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <li class="preview-day">
            <h3 id=heading_id.clone() class="preview-day__date">
                {label}
            </h3>
            {body}
        </li>
    }
}
