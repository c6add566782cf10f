//! The gallery's states, one module per page: each renders the app's own
//! view components with [`super::fixtures`].

pub mod account;
mod account_messages;
pub mod accounts;
pub mod availability;
pub mod call;
pub mod directory;
pub mod home;
pub mod passwords;
pub mod professional;
pub mod profile;
pub mod session_changes;
pub mod sessions;
pub mod verify;
pub mod weekly_hours;
