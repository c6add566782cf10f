//! The call's keyboard shortcuts: which key press does what, how each is
//! written for people (the help popover) and for screen readers
//! (`aria-keyshortcuts`), and when a key press is someone typing.
//!
//! The shortcuts are Google Meet's where Meet has one (Ctrl+D, Ctrl+E; ⌘ on
//! a Mac), so that hands that know one call page know this one.

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortcutAction {
    ToggleMicrophone,
    ToggleCamera,
    Leave,
    /// Opens the list of shortcuts.
    ShowHelp,
}

/// One key press, as the browser reports it (`KeyboardEvent`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`: "d", "D", "?", "Escape", …
    pub key: &'a str,
    pub ctrl: bool,
    /// ⌘ on a Mac.
    pub meta: bool,
    pub alt: bool,
    pub shift: bool,
    /// The key is held down and repeating.
    pub repeat: bool,
    /// The press goes to a text field (see [`is_typing_target`]).
    pub typing: bool,
}

/// The shortcuts, in the order the help lists them.
pub const SHORTCUTS: [ShortcutAction; 4] = [
    ShortcutAction::ToggleMicrophone,
    ShortcutAction::ToggleCamera,
    ShortcutAction::Leave,
    ShortcutAction::ShowHelp,
];

/// What `press` does in the call, if anything. Nothing while typing in a
/// text field (the chat's, or any other), nor for a held key, nor with
/// Alt (which types characters on many layouts).
pub fn action_for(press: &KeyPress<'_>) -> Option<ShortcutAction> {
    if press.typing || press.repeat || press.alt {
        return None;
    }
    let command = press.ctrl || press.meta;
    let key = press.key.to_lowercase();
    match (command, press.shift, key.as_str()) {
        (true, false, "d") => Some(ShortcutAction::ToggleMicrophone),
        (true, false, "e") => Some(ShortcutAction::ToggleCamera),
        (true, true, "l") => Some(ShortcutAction::Leave),
        // "?" is Shift+/ on most layouts, a key of its own on others.
        (false, _, "?") => Some(ShortcutAction::ShowHelp),
        _ => None,
    }
}

impl ShortcutAction {
    /// What it does, for the help list.
    pub fn description(self) -> &'static str {
        match self {
            Self::ToggleMicrophone => "Mute or unmute your microphone",
            Self::ToggleCamera => "Turn your camera off or on",
            Self::Leave => "Leave the call",
            Self::ShowHelp => "Show these shortcuts",
        }
    }

    /// The keys to press, one `<kbd>` each: `["Ctrl", "D"]`, or `["⌘",
    /// "D"]` on a Mac.
    pub fn keys(self, mac: bool) -> Vec<&'static str> {
        let command = if mac { "⌘" } else { "Ctrl" };
        match self {
            Self::ToggleMicrophone => vec![command, "D"],
            Self::ToggleCamera => vec![command, "E"],
            Self::Leave => vec![command, "Shift", "L"],
            Self::ShowHelp => vec!["?"],
        }
    }

    /// The keys for screen readers, as `aria-keyshortcuts` writes them.
    pub fn aria_keyshortcuts(self) -> &'static str {
        match self {
            Self::ToggleMicrophone => "Control+D Meta+D",
            Self::ToggleCamera => "Control+E Meta+E",
            Self::Leave => "Control+Shift+L Meta+Shift+L",
            Self::ShowHelp => "Shift+?",
        }
    }
}

/// Whether a key press on this element is someone typing: a text-like
/// `<input>`, a `<textarea>`, a `<select>` (whose letters pick an option),
/// or editable content. `tag` is the element's tag name in any case;
/// `input_type` its `type` attribute (for inputs).
pub fn is_typing_target(tag: &str, input_type: Option<&str>, content_editable: bool) -> bool {
    if content_editable {
        return true;
    }
    match tag.to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => !matches!(
            input_type.unwrap_or("text").to_ascii_lowercase().as_str(),
            "button"
                | "checkbox"
                | "radio"
                | "range"
                | "color"
                | "file"
                | "submit"
                | "reset"
                | "image"
        ),
        _ => false,
    }
}

/// Whether the browser runs on a Mac (⌘ instead of Ctrl), from
/// `navigator.platform` or the user agent.
pub fn is_mac(platform: &str) -> bool {
    let platform = platform.to_ascii_lowercase();
    platform.contains("mac") || platform.contains("iphone") || platform.contains("ipad")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str) -> KeyPress<'_> {
        KeyPress {
            key,
            ..KeyPress::default()
        }
    }

    fn ctrl(key: &str) -> KeyPress<'_> {
        KeyPress {
            ctrl: true,
            ..press(key)
        }
    }

    #[test]
    fn ctrl_or_command_d_and_e_toggle_microphone_and_camera() {
        assert_eq!(
            action_for(&ctrl("d")),
            Some(ShortcutAction::ToggleMicrophone)
        );
        assert_eq!(action_for(&ctrl("E")), Some(ShortcutAction::ToggleCamera));
        let command_d = KeyPress {
            meta: true,
            ..press("d")
        };
        assert_eq!(
            action_for(&command_d),
            Some(ShortcutAction::ToggleMicrophone)
        );
    }

    #[test]
    fn leaving_needs_shift_too() {
        assert_eq!(action_for(&ctrl("l")), None);
        let leave = KeyPress {
            shift: true,
            ..ctrl("L")
        };
        assert_eq!(action_for(&leave), Some(ShortcutAction::Leave));
    }

    #[test]
    fn plain_letters_do_nothing() {
        for key in ["d", "e", "l", "D", "m", " ", "Enter", "Escape"] {
            assert_eq!(action_for(&press(key)), None, "{key}");
        }
        let shifted = KeyPress {
            shift: true,
            ..ctrl("d")
        };
        assert_eq!(action_for(&shifted), None);
    }

    #[test]
    fn question_mark_opens_the_help() {
        let question = KeyPress {
            shift: true,
            ..press("?")
        };
        assert_eq!(action_for(&question), Some(ShortcutAction::ShowHelp));
    }

    #[test]
    fn nothing_fires_while_typing_when_held_or_with_alt() {
        let typing = KeyPress {
            typing: true,
            ..ctrl("d")
        };
        assert_eq!(action_for(&typing), None);
        let typing_question = KeyPress {
            typing: true,
            shift: true,
            ..press("?")
        };
        assert_eq!(action_for(&typing_question), None);
        let held = KeyPress {
            repeat: true,
            ..ctrl("d")
        };
        assert_eq!(action_for(&held), None);
        let alt = KeyPress {
            alt: true,
            ..ctrl("e")
        };
        assert_eq!(action_for(&alt), None);
    }

    #[test]
    fn text_fields_are_typing_targets_buttons_are_not() {
        assert!(is_typing_target("INPUT", Some("text"), false));
        assert!(is_typing_target("input", None, false));
        assert!(is_typing_target("INPUT", Some("search"), false));
        assert!(is_typing_target("TEXTAREA", None, false));
        assert!(is_typing_target("SELECT", None, false));
        assert!(is_typing_target("DIV", None, true));
        assert!(!is_typing_target("BUTTON", None, false));
        assert!(!is_typing_target("INPUT", Some("radio"), false));
        assert!(!is_typing_target("INPUT", Some("checkbox"), false));
        assert!(!is_typing_target("BODY", None, false));
    }

    #[test]
    fn every_shortcut_is_described_and_written_for_both_platforms() {
        for action in SHORTCUTS {
            assert!(!action.description().is_empty());
            assert!(!action.aria_keyshortcuts().is_empty());
        }
        assert_eq!(ShortcutAction::ToggleMicrophone.keys(false), ["Ctrl", "D"]);
        assert_eq!(ShortcutAction::ToggleMicrophone.keys(true), ["⌘", "D"]);
        assert_eq!(ShortcutAction::Leave.keys(false), ["Ctrl", "Shift", "L"]);
        assert!(is_mac("MacIntel"));
        assert!(!is_mac("Linux x86_64"));
    }
}
