//! The professional's own one-off slots in `/availability`, soonest first,
//! each with Delete until it is booked.

use chrono::{Local, NaiveDate};
use leptos::prelude::*;
use tandem_api::slots::Slot;

use crate::auth::use_auth;
use crate::booking::money::format_price;
use crate::booking::{requests, time};
use crate::components::load_state::{ListNotices, LoadError, LoadingLine, Remote};

/// The professional's own slots, soonest first.
#[component]
pub fn OwnSlots(own: Remote<(), Vec<Slot>>, today: NaiveDate) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let stale = RwSignal::new(None::<String>);
    let on_deleted = Callback::new(move |when: String| {
        stale.set(None);
        status.set(Some(format!("Slot deleted: {when}.")));
        own.refresh();
    });
    let on_stale = Callback::new(move |message: String| {
        status.set(None);
        stale.set(Some(message));
        own.refresh();
    });
    view! {
        <ListNotices status stale />
        {move || match own.state() {
            None => view! { <LoadingLine text="Loading your slots…" /> }.into_any(),
            Some(Err(error)) => {
                view! {
                    <LoadError error what="your slots" retry=Callback::new(move |_| own.retry()) />
                }
                    .into_any()
            }
            Some(Ok(slots)) if slots.is_empty() => {
                view! {
                    <p class="empty-note">
                        "No upcoming slots yet. Add the times you are free with the form."
                    </p>
                }
                    .into_any()
            }
            Some(Ok(slots)) => {
                time::group_by_day(&Local, slots, |slot| slot.start_time)
                    .into_iter()
                    .map(|(day, slots)| {
                        let heading_id = format!("own-slots-{}", time::date_input_value(day));
                        let labelled_by = heading_id.clone();
                        view! {
                            <section class="slot-day" aria-labelledby=labelled_by>
                                <h3 id=heading_id class="slot-day__title">
                                    {time::short_date(day, today)}
                                </h3>
                                <ul class="card-list" role="list">
                                    {slots
                                        .into_iter()
                                        .map(|slot| {
                                            view! { <OwnSlot own_slot=slot today on_deleted on_stale /> }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
        }}
    }
}

#[component]
fn OwnSlot(
    own_slot: Slot,
    today: NaiveDate,
    on_deleted: Callback<String>,
    on_stale: Callback<String>,
) -> impl IntoView {
    let auth = use_auth();
    let slot = own_slot;
    let when = time::when(&Local, slot.start_time, slot.end_time, today);
    let date = time::short_date(time::local_date(&Local, slot.start_time), today);
    let range = time::time_range(&Local, slot.start_time, slot.end_time);
    let when_id = format!("own-slot-{}", slot.id);
    let error = RwSignal::new(None::<String>);
    let delete = {
        let when = when.clone();
        Action::new_local(move |_: &()| {
            let when = when.clone();
            let id = slot.id;
            async move {
                match requests::delete_slot(id).await {
                    Ok(()) => on_deleted.run(when),
                    Err(e) if auth.forget_if_unauthorized(&e) => {}
                    Err(e) if e.status() == Some(409) || e.is_not_found() => {
                        on_stale.run(e.user_message())
                    }
                    Err(e) => {
                        error.try_set(Some(e.user_message()));
                    }
                }
            }
        })
    };
    let pending = delete.pending();
    view! {
        <li class="card slot-row">
            <div class="slot-row__text">
                <p id=when_id.clone() class="slot-row__when">
                    <span class="visually-hidden">{date} ", "</span>
                    {range}
                </p>
                <p class="muted small">{format_price(slot.price_cents)}</p>
            </div>
            {if slot.is_booked {
                view! { <span class="badge badge--success">"Booked"</span> }.into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="btn btn--danger btn--small"
                        class:is-busy=move || pending.get()
                        disabled=move || pending.get()
                        aria-describedby=when_id
                        on:click=move |_| {
                            error.set(None);
                            delete.dispatch(());
                        }
                    >
                        {move || if pending.get() { "Deleting…" } else { "Delete" }}
                    </button>
                }
                    .into_any()
            }}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error slot-row__error" role="alert">
                                {message}
                            </p>
                        }
                    })
            }}
        </li>
    }
}
