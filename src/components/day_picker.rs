//! A row of day buttons (today first) to choose the day whose free times
//! are shown. The chosen one has `aria-pressed="true"`.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::booking::time::{day_month, long_date, weekday_short};

#[component]
pub fn DayPicker(
    days: Vec<NaiveDate>,
    today: NaiveDate,
    #[prop(into)] selected: Signal<NaiveDate>,
    on_pick: Callback<NaiveDate>,
) -> impl IntoView {
    view! {
        <ul class="day-picker" role="list">
            {days
                .into_iter()
                .map(|day| {
                    let first_line = if day == today { "Today" } else { weekday_short(day) };
                    view! {
                        <li>
                            <button
                                type="button"
                                class="day"
                                title=long_date(day)
                                aria-pressed=move || (selected.get() == day).to_string()
                                on:click=move |_| on_pick.run(day)
                            >
                                <span class="day__weekday">{first_line}</span>
                                " "
                                <span class="day__date">{day_month(day)}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
