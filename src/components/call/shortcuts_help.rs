//! The call's keyboard shortcuts in the page: [`use_call_shortcuts`]
//! listens for them while the call is shown (the listener goes with the
//! view), and [`ShortcutsHelp`] is the "Keyboard shortcuts" button with
//! the list in a popover that Escape closes, giving focus back to the
//! button.

use leptos::ev;
use leptos::html::{Button, Div};
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use wasm_bindgen::JsCast;

use super::CallController;
use crate::call::shortcuts::{
    action_for, is_mac, is_typing_target, KeyPress, ShortcutAction, SHORTCUTS,
};

/// Runs the call's shortcuts for key presses anywhere on the page;
/// `help_open` is the help popover's.
pub fn use_call_shortcuts(ctl: CallController, help_open: RwSignal<bool>) {
    let _ = use_event_listener(
        window(),
        ev::keydown,
        move |event: web_sys::KeyboardEvent| {
            if event.default_prevented() {
                return;
            }
            let key = event.key();
            let press = KeyPress {
                key: &key,
                ctrl: event.ctrl_key(),
                meta: event.meta_key(),
                alt: event.alt_key(),
                shift: event.shift_key(),
                repeat: event.repeat(),
                typing: typing_in(event.target()),
            };
            let Some(action) = action_for(&press) else {
                return;
            };
            // Ctrl+D would bookmark the page, Ctrl+E search.
            event.prevent_default();
            match action {
                ShortcutAction::ToggleMicrophone => ctl.toggle_microphone(),
                ShortcutAction::ToggleCamera => ctl.toggle_camera(),
                ShortcutAction::Leave => ctl.leave(),
                ShortcutAction::ShowHelp => help_open.set(true),
            }
        },
    );
}

/// Whether a key press aimed at `target` is someone typing.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let editable = element
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(web_sys::HtmlElement::is_content_editable);
    is_typing_target(
        &element.tag_name(),
        element.get_attribute("type").as_deref(),
        editable,
    )
}

/// Whether this browser runs on a Mac.
fn on_mac() -> bool {
    window().navigator().platform().is_ok_and(|p| is_mac(&p))
}

/// "Keyboard shortcuts": a button that opens the list of shortcuts.
#[component]
pub fn ShortcutsHelp(open: RwSignal<bool>) -> impl IntoView {
    let trigger = NodeRef::<Button>::new();
    let popover = NodeRef::<Div>::new();
    let mac = on_mac();
    // Focus goes into the list when it opens, and back to the button when
    // it closes.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open {
            if let Some(popover) = popover.get() {
                let _ = popover.focus();
            }
        } else if was_open == Some(true) {
            if let Some(trigger) = trigger.get() {
                let _ = trigger.focus();
            }
        }
        is_open
    });
    let close_on_escape = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            event.stop_propagation();
            open.set(false);
        }
    };
    let rows = SHORTCUTS
        .iter()
        .map(|action| {
            let keys = action
                .keys(mac)
                .into_iter()
                .map(|key| view! { <kbd>{key}</kbd> })
                .collect_view();
            view! {
                <div class="call-shortcuts__row">
                    <dt>{action.description()}</dt>
                    <dd>{keys}</dd>
                </div>
            }
        })
        .collect_view();

    view! {
        <div class="call-shortcuts">
            <button
                type="button"
                class="btn btn--secondary btn--small"
                node_ref=trigger
                aria-expanded=move || open.get().to_string()
                aria-controls="call-shortcuts-list"
                aria-keyshortcuts=ShortcutAction::ShowHelp.aria_keyshortcuts()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Keyboard shortcuts"
            </button>
            <div
                id="call-shortcuts-list"
                class="call-shortcuts__popover"
                role="dialog"
                aria-labelledby="call-shortcuts-title"
                tabindex="-1"
                node_ref=popover
                hidden=move || !open.get()
                on:keydown=close_on_escape
            >
                <h2 id="call-shortcuts-title" class="call-shortcuts__title">
                    "Keyboard shortcuts"
                </h2>
                <dl class="call-shortcuts__list">{rows}</dl>
                <p class="call-shortcuts__note">"Not while you type in a text field."</p>
                <button
                    type="button"
                    class="btn btn--secondary btn--small"
                    on:click=move |_| open.set(false)
                >
                    "Close"
                </button>
            </div>
        </div>
    }
}
