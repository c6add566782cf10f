//! A booking's video call, apart from its views: the call endpoints
//! ([`requests`]), which part of the page shows ([`stage`]), the state of
//! a joined call driven by LiveKit's events ([`state`]), what keeps
//! someone out and the way forward ([`problem`]), watching the room through our API ([`presence`]), and
//! the session's clock ([`clock`]), the chat ([`chat`]), "running
//! late" notes ([`running_late`]), the devices chosen ([`devices`]), the
//! keyboard shortcuts ([`shortcuts`]), "Test your setup" ([`setup_test`])
//! and who shares a screen ([`screen_share`]).
//!
//! Everything but [`requests`] is plain Rust, tested natively. The page is
//! [`crate::pages::call`]; its pieces are in [`crate::components::call`];
//! the browser side of LiveKit is [`crate::livekit`].

pub mod chat;
pub mod clock;
pub mod devices;
pub mod presence;
pub mod problem;
pub mod requests;
pub mod running_late;
pub mod screen_share;
pub mod setup_test;
pub mod shortcuts;
pub mod stage;
pub mod state;
