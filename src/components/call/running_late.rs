//! "Running a few minutes late": the other person's note, shown while
//! waiting for them, and the one-tap button that tells them about me.

use chrono::{DateTime, Local, Utc};
use leptos::prelude::*;

use super::CallController;
use crate::call::requests;
use crate::call::running_late::{my_role, notice, other_late_since};

/// The other person's "running late" note, while they are not in the room.
#[component]
pub fn RunningLateNotice(controller: CallController) -> impl IntoView {
    let ctl = controller;
    let text = Memo::new(move |_| {
        let mine = ctl
            .booking
            .with(|booking| booking.as_ref().and_then(|b| my_role(b, ctl.user_id())))?;
        let since = ctl
            .room_status
            .with(|status| status.as_ref().and_then(|s| other_late_since(s, mine)))?;
        Some(notice(&ctl.other_name(), since, &Local))
    });
    move || {
        text.get()
            .map(|text| view! { <p class="alert alert--info call__late" role="status">{text}</p> })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Telling {
    Idle,
    Sending,
    Told(DateTime<Utc>),
    Failed(String),
}

/// "Running a few minutes late": one tap tells the other person, who sees
/// it while they wait; a failure says why and offers to try again.
#[component]
pub fn RunningLateButton(controller: CallController) -> impl IntoView {
    let ctl = controller;
    let telling = RwSignal::new(Telling::Idle);
    let tell = move |_| {
        if telling.get_untracked() == Telling::Sending {
            return;
        }
        telling.set(Telling::Sending);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let result = requests::say_running_late(ctl.booking_id).await;
            telling.try_set(match result {
                Ok(()) => Telling::Told(Utc::now()),
                Err(error) => Telling::Failed(error.user_message()),
            });
        });
    };
    let label = move || match telling.get() {
        Telling::Failed(_) => "Try again",
        Telling::Told(_) => "Tell them again",
        _ => "Running a few minutes late",
    };
    let result = move || match telling.get() {
        Telling::Told(at) => Some(
            view! {
                <p class="muted small" role="status">
                    {format!(
                        "{} can see you are running late (told at {}).",
                        ctl.other_name(),
                        crate::booking::time::clock(&Local, at),
                    )}
                </p>
            }
            .into_any(),
        ),
        Telling::Failed(message) => Some(
            view! {
                <p class="field__error" role="alert">
                    {format!("Could not tell them: {message}")}
                </p>
            }
            .into_any(),
        ),
        _ => None,
    };
    view! {
        <div class="stack call__running-late">
            <button
                type="button"
                class="btn btn--secondary btn--block"
                disabled=move || telling.get() == Telling::Sending
                on:click=tell
            >
                {label}
            </button>
            {result}
        </div>
    }
}
