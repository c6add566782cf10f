//! The chat between the two people in a call: the messages of this call
//! (kept in the page only, never on the server), the unread count while the
//! panel is closed, and what a message may be.
//!
//! LiveKit hands a data message only to those in the room when it is sent.
//! So that a message written while waiting for the other person reaches
//! them, each side greets the other on [`READY_TOPIC`] once its connection
//! is up; until the other side's greeting came, our messages wait in the
//! page (shown as waiting) and go out when it comes.

use crate::livekit::events::{CallEvent, ConnectionState};

/// The LiveKit data topic chat messages travel on.
pub const CHAT_TOPIC: &str = "chat";
/// The topic of the greeting that says "my chat listens now".
pub const READY_TOPIC: &str = "chat-ready";
/// The greeting sent on connecting.
pub const READY: &str = "ready";
/// The answer to the other side's [`READY`].
pub const READY_REPLY: &str = "ready-reply";
/// The longest message, in characters; longer ones are cut.
pub const MAX_MESSAGE_CHARS: usize = 1_000;
/// How many messages the panel keeps (the oldest go first).
const MAX_MESSAGES: usize = 200;

/// One message, as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// Unique within the call, for the list's keys.
    pub id: u32,
    /// Sent by us.
    pub mine: bool,
    /// Shown as text, never as markup.
    pub text: String,
    /// Ours, written before the other person could hear it: it goes out
    /// when they join.
    pub waiting: bool,
}

/// What the page sends after an event: the greeting, and our messages
/// that waited for the other person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChatOutbox {
    /// [`READY`] or [`READY_REPLY`], on [`READY_TOPIC`].
    pub greeting: Option<&'static str>,
    /// Waiting messages (id and text), on [`CHAT_TOPIC`], in order.
    pub waiting: Vec<(u32, String)>,
}

impl ChatOutbox {
    pub fn is_empty(&self) -> bool {
        self.greeting.is_none() && self.waiting.is_empty()
    }
}

/// The chat of one call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chat {
    messages: Vec<ChatMessage>,
    open: bool,
    unread: u32,
    next_id: u32,
    /// The other person's chat listens (their greeting came).
    peer_ready: bool,
    /// The last message could not be sent.
    pub send_failed: bool,
}

impl Chat {
    pub fn messages(&self) -> &[ChatMessage] {
        &self.messages
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Messages that came while the panel was closed.
    pub fn unread(&self) -> u32 {
        self.unread
    }

    /// Whether a message sent now reaches the other person at once.
    pub fn peer_ready(&self) -> bool {
        self.peer_ready
    }

    /// Opens or closes the panel; opening it reads everything.
    pub fn set_open(&mut self, open: bool) {
        self.open = open;
        if open {
            self.unread = 0;
        }
    }

    /// Takes in a room event: a chat message or greeting from the other
    /// person, someone leaving, our own connection. Says what to send.
    pub fn apply(&mut self, event: &CallEvent) -> ChatOutbox {
        match event {
            CallEvent::DataReceived {
                topic: Some(topic),
                text,
                ..
            } if topic == CHAT_TOPIC => {
                self.received(text);
                ChatOutbox::default()
            }
            CallEvent::DataReceived {
                topic: Some(topic),
                text,
                ..
            } if topic == READY_TOPIC => {
                self.peer_ready = true;
                ChatOutbox {
                    greeting: (text == READY).then_some(READY_REPLY),
                    waiting: self.waiting(),
                }
            }
            // Our connection is (back) up: say so, whoever is there.
            CallEvent::ConnectionStateChanged {
                state: ConnectionState::Connected,
            } => ChatOutbox {
                greeting: Some(READY),
                waiting: Vec::new(),
            },
            CallEvent::ParticipantDisconnected { .. } | CallEvent::Disconnected { .. } => {
                self.peer_ready = false;
                ChatOutbox::default()
            }
            _ => ChatOutbox::default(),
        }
    }

    fn received(&mut self, text: &str) {
        let Some(text) = outgoing(text) else {
            return;
        };
        self.push(false, text, false);
        if !self.open {
            self.unread = self.unread.saturating_add(1);
        }
    }

    /// Our message went out.
    pub fn sent(&mut self, text: String) {
        self.send_failed = false;
        self.push(true, text, false);
    }

    /// Our message waits for the other person (see [`Chat::peer_ready`]).
    pub fn queued(&mut self, text: String) {
        self.send_failed = false;
        self.push(true, text, true);
    }

    /// A waiting message went out.
    pub fn delivered(&mut self, id: u32) {
        self.send_failed = false;
        if let Some(message) = self.messages.iter_mut().find(|m| m.id == id) {
            message.waiting = false;
        }
    }

    fn waiting(&self) -> Vec<(u32, String)> {
        self.messages
            .iter()
            .filter(|m| m.waiting)
            .map(|m| (m.id, m.text.clone()))
            .collect()
    }

    fn push(&mut self, mine: bool, text: String, waiting: bool) {
        self.messages.push(ChatMessage {
            id: self.next_id,
            mine,
            text,
            waiting,
        });
        self.next_id = self.next_id.wrapping_add(1);
        if self.messages.len() > MAX_MESSAGES {
            self.messages.remove(0);
        }
    }
}

/// What a draft sends: the text without surrounding white space, at most
/// [`MAX_MESSAGE_CHARS`] characters; `None` when nothing is left.
pub fn outgoing(draft: &str) -> Option<String> {
    let text = draft.trim();
    if text.is_empty() {
        return None;
    }
    Some(text.chars().take(MAX_MESSAGE_CHARS).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(topic: &str, text: &str) -> CallEvent {
        CallEvent::DataReceived {
            identity: Some("7".to_owned()),
            topic: Some(topic.to_owned()),
            text: text.to_owned(),
        }
    }

    #[test]
    fn messages_while_closed_count_as_unread_until_the_panel_opens() {
        let mut chat = Chat::default();
        chat.apply(&message(CHAT_TOPIC, "Running late"));
        chat.apply(&message(CHAT_TOPIC, "Two minutes"));
        assert_eq!(chat.unread(), 2);
        chat.set_open(true);
        assert_eq!(chat.unread(), 0);
        chat.apply(&message(CHAT_TOPIC, "Here now"));
        assert_eq!(chat.unread(), 0, "read as it comes while open");
        chat.sent("Hi".to_owned());
        let texts: Vec<_> = chat
            .messages()
            .iter()
            .map(|m| (m.mine, m.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (false, "Running late"),
                (false, "Two minutes"),
                (false, "Here now"),
                (true, "Hi")
            ]
        );
        chat.set_open(false);
        chat.apply(&message(CHAT_TOPIC, "Bye"));
        assert_eq!(chat.unread(), 1);
    }

    #[test]
    fn other_topics_and_empty_messages_are_not_chat() {
        let mut chat = Chat::default();
        chat.apply(&message("cursor", "x"));
        chat.apply(&message(CHAT_TOPIC, "   "));
        assert!(chat.messages().is_empty());
        assert_eq!(chat.unread(), 0);
    }

    #[test]
    fn a_draft_is_trimmed_and_cut_to_the_longest_message() {
        assert_eq!(outgoing("  <b>x</b> \n"), Some("<b>x</b>".to_owned()));
        assert_eq!(outgoing(" \t"), None);
        let long = "é".repeat(MAX_MESSAGE_CHARS + 5);
        assert_eq!(
            outgoing(&long).map(|t| t.chars().count()),
            Some(MAX_MESSAGE_CHARS)
        );
    }

    #[test]
    fn the_panel_keeps_the_newest_messages() {
        let mut chat = Chat::default();
        for n in 0..MAX_MESSAGES + 3 {
            chat.sent(n.to_string());
        }
        assert_eq!(chat.messages().len(), MAX_MESSAGES);
        assert_eq!(chat.messages()[0].text, "3");
    }

    fn greeting(text: &str) -> CallEvent {
        CallEvent::DataReceived {
            identity: Some("7".to_owned()),
            topic: Some(READY_TOPIC.to_owned()),
            text: text.to_owned(),
        }
    }

    fn waiting_texts(chat: &Chat) -> Vec<&str> {
        chat.messages()
            .iter()
            .filter(|m| m.waiting)
            .map(|m| m.text.as_str())
            .collect()
    }

    #[test]
    fn messages_written_before_the_other_listens_wait_and_go_when_they_greet() {
        let mut chat = Chat::default();
        assert!(!chat.peer_ready());
        chat.queued("I am here".to_owned());
        chat.queued("No rush".to_owned());
        assert_eq!(waiting_texts(&chat), ["I am here", "No rush"]);

        // They join and greet: answer them, and send what waited, in order.
        let outbox = chat.apply(&greeting(READY));
        assert!(chat.peer_ready());
        assert_eq!(outbox.greeting, Some(READY_REPLY));
        let ids: Vec<u32> = chat.messages().iter().map(|m| m.id).collect();
        assert_eq!(
            outbox.waiting,
            [
                (ids[0], "I am here".to_owned()),
                (ids[1], "No rush".to_owned())
            ]
        );
        chat.delivered(ids[0]);
        assert_eq!(
            waiting_texts(&chat),
            ["No rush"],
            "the other may still fail"
        );
        chat.delivered(ids[1]);
        assert!(waiting_texts(&chat).is_empty());
    }

    #[test]
    fn a_reply_to_our_greeting_is_not_answered_again() {
        let mut chat = Chat::default();
        let outbox = chat.apply(&CallEvent::ConnectionStateChanged {
            state: ConnectionState::Connected,
        });
        assert_eq!(outbox.greeting, Some(READY));
        let outbox = chat.apply(&greeting(READY_REPLY));
        assert!(chat.peer_ready());
        assert!(outbox.is_empty(), "{outbox:?}");
    }

    #[test]
    fn the_other_leaving_makes_new_messages_wait_again() {
        let mut chat = Chat::default();
        let _ = chat.apply(&greeting(READY_REPLY));
        assert!(chat.peer_ready());
        let _ = chat.apply(&CallEvent::ParticipantDisconnected {
            identity: "7".to_owned(),
            reason: None,
        });
        assert!(!chat.peer_ready());
        let _ = chat.apply(&greeting(READY_REPLY));
        let _ = chat.apply(&CallEvent::Disconnected { reason: None });
        assert!(!chat.peer_ready(), "our own connection lost");
    }

    #[test]
    fn greetings_are_not_messages() {
        let mut chat = Chat::default();
        let _ = chat.apply(&greeting(READY));
        assert!(chat.messages().is_empty());
        assert_eq!(chat.unread(), 0);
    }
}
