//! One day's bookable times of a professional: buttons to choose one (on
//! the professional's page to book it, on a session card to move the
//! session there), or a plain list for someone who cannot choose.

use chrono::Local;
use leptos::prelude::*;
use tandem_api::availability::{BookableTime, BookingTarget};

use crate::booking::money::format_price;
use crate::booking::time;
use crate::components::form_field::focus_by_id;

/// The day's times as buttons (when `bookable`) or as a plain list.
#[component]
pub fn TimeChoices(
    times: Vec<BookableTime>,
    chosen: RwSignal<Option<BookingTarget>>,
    #[prop(into)] bookable: Signal<bool>,
    /// The id of the heading that names the list ("Free times on …").
    #[prop(into)]
    labelled_by: String,
    /// The id of the element to focus once a time is chosen (what comes
    /// next: the booking form, the confirmation).
    #[prop(into)]
    next_focus: String,
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
        <ul class="slot-grid" role="list" aria-labelledby=labelled_by>
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
                    let next_focus = next_focus.clone();
                    view! {
                        <li>
                            {move || {
                                if bookable.get() {
                                    let next_focus = next_focus.clone();
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
                                                let next_focus = next_focus.clone();
                                                request_animation_frame(move || focus_by_id(&next_focus));
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
