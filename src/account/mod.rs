//! The signed-in person's own account: the typed `/api/account…` calls
//! the account page uses.

pub mod requests;
