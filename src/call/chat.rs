//! The chat between the two people in a call: the messages of this call
//! (kept in the page only, never on the server), the unread count while the
//! panel is closed, and what a message may be.

use crate::livekit::events::CallEvent;

/// The LiveKit data topic chat messages travel on.
pub const CHAT_TOPIC: &str = "chat";
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
}

/// The chat of one call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chat {
    messages: Vec<ChatMessage>,
    open: bool,
    unread: u32,
    next_id: u32,
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

    /// Opens or closes the panel; opening it reads everything.
    pub fn set_open(&mut self, open: bool) {
        self.open = open;
        if open {
            self.unread = 0;
        }
    }

    /// Takes in a room event: a chat message from the other person.
    pub fn apply(&mut self, event: &CallEvent) {
        if let CallEvent::DataReceived {
            topic: Some(topic),
            text,
            ..
        } = event
        {
            if topic == CHAT_TOPIC {
                self.received(text);
            }
        }
    }

    fn received(&mut self, text: &str) {
        let Some(text) = outgoing(text) else {
            return;
        };
        self.push(false, text);
        if !self.open {
            self.unread = self.unread.saturating_add(1);
        }
    }

    /// Our message went out.
    pub fn sent(&mut self, text: String) {
        self.send_failed = false;
        self.push(true, text);
    }

    fn push(&mut self, mine: bool, text: String) {
        self.messages.push(ChatMessage {
            id: self.next_id,
            mine,
            text,
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
}
