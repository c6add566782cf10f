//! The pieces of the call page (`/call/:booking_id`).
//!
//! [`CallController`] holds the page's state and does the work, composing
//! three hooks: [`use_call_credentials`], [`use_media_preview`] (before
//! joining) and [`use_call_room`] (LiveKit); the views
//! show one stage at a time: [`prejoin::PreJoin`], [`in_call::InCall`],
//! then [`outcome::LeftCall`] or [`outcome::CallEnded`].
//! [`room_watch::use_room_watch`] polls who is in the room;
//! [`session_clock::SessionClock`] shows the session's time in the call;
//! [`chat_panel::ChatPanel`] is the chat; [`running_late`] tells the other
//! person one is running late, and shows when they are;
//! [`shortcuts_help`] runs the keyboard shortcuts and lists them;
//! [`setup_panel`] is "Test your setup" before joining; [`screen_share`]
//! shares a screen and shows the shared one.

pub mod chat_panel;
mod controller;
pub mod icons;
pub mod in_call;
pub mod level_bar;
pub mod outcome;
pub mod prejoin;
pub mod problem_alert;
pub mod room_watch;
pub mod running_late;
pub mod screen_share;
pub mod session_clock;
pub mod setup_panel;
pub mod shortcuts_help;
pub mod stand_in;
mod tasks;
pub mod use_call_credentials;
pub mod use_call_room;
pub mod use_media_preview;

pub use crate::call::stage::Stage;
pub use controller::CallController;
pub use use_call_credentials::Credentials;
pub use use_media_preview::{Mode, PreviewState};
