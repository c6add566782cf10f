//! The chat panel in the call: a button that opens it (with the unread
//! count while it is closed), the messages as a log, and a form to write.

use leptos::prelude::*;

use super::CallController;
use crate::call::chat::{Chat, MAX_MESSAGE_CHARS};

#[component]
pub fn ChatPanel(controller: CallController, other_name: Memo<String>) -> impl IntoView {
    let ctl = controller;
    let chat = ctl.room.chat;
    let open = Memo::new(move |_| chat.with(Chat::is_open));
    let unread = Memo::new(move |_| chat.with(Chat::unread));
    let draft = RwSignal::new(String::new());
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        ctl.room.send_chat(draft);
    };

    view! {
        <div class="call-chat">
            <button
                type="button"
                class="btn btn--secondary btn--small"
                aria-expanded=move || open.get().to_string()
                aria-controls="call-chat-panel"
                on:click=move |_| chat.update(|c| c.set_open(!c.is_open()))
            >
                "Chat"
                <span class="call-chat__unread" hidden=move || unread.get() == 0>
                    {move || unread.get()}
                    <span class="visually-hidden">" unread"</span>
                </span>
            </button>
            <div id="call-chat-panel" class="call-chat__panel" hidden=move || !open.get()>
                <div class="call-chat__log" role="log" aria-label="Messages">
                    <ol class="call-chat__messages">
                    <For
                        each=move || chat.with(|c| c.messages().to_vec())
                        // A waiting message is drawn again once it went out.
                        key=|message| (message.id, message.waiting)
                        let(message)
                    >
                        <li class="call-chat__message" class:call-chat__message--mine=message.mine>
                            <span class="call-chat__who">
                                {if message.mine { "You".to_owned() } else { other_name.get_untracked() }}
                            </span>
                            <span class="call-chat__text">{message.text}</span>
                            {message.waiting.then(|| view! {
                                <span class="call-chat__waiting">
                                    {format!("Sends when {} joins", other_name.get_untracked())}
                                </span>
                            })}
                        </li>
                    </For>
                    </ol>
                </div>
                <Show when=move || chat.with(|c| c.send_failed)>
                    <p class="call-chat__error" role="alert">
                        "Your message could not be sent. Try again."
                    </p>
                </Show>
                <form class="call-chat__form" on:submit=send>
                    <label class="visually-hidden" for="call-chat-input">
                        "Message"
                    </label>
                    <input
                        id="call-chat-input"
                        type="text"
                        autocomplete="off"
                        maxlength=MAX_MESSAGE_CHARS.to_string()
                        prop:value=move || draft.get()
                        on:input=move |event| draft.set(event_target_value(&event))
                    />
                    <button type="submit" class="btn btn--primary btn--small">
                        "Send"
                    </button>
                </form>
            </div>
        </div>
    }
}
