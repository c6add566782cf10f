//! The chosen day's bookable times of a professional's page: buttons for
//! clients, a plain list for anyone else.

use chrono::Local;
use leptos::prelude::*;
use tandem_api::availability::{BookableTime, BookingTarget};

use super::FORM_TITLE_ID;
use crate::booking::money::format_price;
use crate::booking::time;
use crate::components::form_field::focus_by_id;

/// The day's times as buttons (for clients) or as a plain list.
#[component]
pub(super) fn TimeChoices(
    times: Vec<BookableTime>,
    chosen: RwSignal<Option<BookingTarget>>,
    #[prop(into)] bookable: Signal<bool>,
) -> impl IntoView {
    if times.is_empty() {
        return view! {
            <p class="empty-note">"No free times on this day. Try another day."</p>
        }
        .into_any();
    }
    let all_booked = times.iter().all(|time| time.is_booked);
    view! {
        {all_booked
            .then(|| {
                view! {
                    <p class="empty-note">"Every time on this day is booked. Try another day."</p>
                }
            })}
        <ul class="slot-grid" role="list" aria-labelledby="slots-title">
            {times
                .into_iter()
                .map(|bookable_time| {
                    let target = bookable_time.book;
                    let range = time::time_range(
                        &Local,
                        bookable_time.start_time,
                        bookable_time.end_time,
                    );
                    let status = if bookable_time.is_booked {
                        "Booked".to_owned()
                    } else {
                        format_price(bookable_time.price_cents)
                    };
                    let booked = bookable_time.is_booked;
                    view! {
                        <li>
                            {move || {
                                if bookable.get() {
                                    view! {
                                        <button
                                            type="button"
                                            class="slot"
                                            disabled=booked
                                            aria-pressed=move || {
                                                (chosen.get() == Some(target)).to_string()
                                            }
                                            on:click=move |_| {
                                                chosen.set(Some(target));
                                                request_animation_frame(|| focus_by_id(FORM_TITLE_ID));
                                            }
                                        >
                                            <span class="slot__time">{range.clone()}</span>
                                            " "
                                            <span class="slot__detail">{status.clone()}</span>
                                        </button>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <div class="slot slot--static" class:is-booked=booked>
                                            <span class="slot__time">{range.clone()}</span>
                                            " "
                                            <span class="slot__detail">{status.clone()}</span>
                                        </div>
                                    }
                                        .into_any()
                                }
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
