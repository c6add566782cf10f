//! Polling `GET /api/bookings/{id}/room` while the page is open.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos_use_document_visibility::use_document_visibility;
use leptos_use_interval_fn::{use_interval_fn_with_options, UseIntervalFnOptions};
use web_sys::VisibilityState;

use super::CallController;
use crate::call::presence::poll_interval_ms;
use crate::call::requests;

/// Keeps [`CallController::room_status`] up to date: every 5 seconds
/// before and during the call, paused while the tab is hidden, stopped
/// once the person has left, and backing off (10, 20, … 60 s) while
/// requests fail. A `401` forgets the user, so the page's guard sends
/// them to sign in (and back here) instead of polling on.
pub fn use_room_watch(controller: CallController) {
    let auth = controller.auth();
    let failures = RwSignal::new(0_u32);
    let stopped = RwSignal::new(false);
    let interval = Signal::derive(move || poll_interval_ms(failures.get()));
    let in_flight = Rc::new(Cell::new(false));
    // One owner for the request in flight, a child of the page's: each
    // poll cleans it up before starting (the previous request is done by
    // then), so the cleanups a request registers (its task's cancellation,
    // its AbortController) do not pile up on the page for the whole call.
    // Leaving the page cleans it up with the page.
    let poll_scope = Owner::new();

    let poll = move || {
        if in_flight.get() {
            return;
        }
        in_flight.set(true);
        let in_flight = Rc::clone(&in_flight);
        let request = async move {
            let answer = requests::room_status(controller.booking_id).await;
            in_flight.set(false);
            match answer {
                Ok(status) => {
                    controller.room_status.try_set(Some(status));
                    if failures.try_get_untracked() != Some(0) {
                        failures.try_set(0);
                    }
                }
                Err(error) if auth.forget_if_unauthorized(&error) => {
                    stopped.try_set(true);
                }
                Err(error) => {
                    log::info!("room status: {error}");
                    failures.try_update(|n| *n = n.saturating_add(1));
                }
            }
        };
        poll_scope.cleanup();
        poll_scope.with(|| spawn_local_scoped_with_cancellation(request));
    };

    let timer = use_interval_fn_with_options(
        poll,
        interval,
        UseIntervalFnOptions::default()
            .immediate(false)
            .immediate_callback(true),
    );
    let visibility = use_document_visibility();
    let active = Memo::new(move |_| {
        !stopped.get()
            && visibility.get() == VisibilityState::Visible
            && controller.stage.get().watches_room()
    });
    let (pause, resume) = (timer.pause, timer.resume);
    Effect::new(move |_| {
        let active = active.get();
        // Untracked: resuming reads the interval and polls at once, and
        // neither may make this effect run again.
        untrack(|| if active { resume() } else { pause() });
    });
}
