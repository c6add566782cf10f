//! Accounts: registration, sign-in sessions, throttling of failed
//! sign-ins, and email verification.

pub mod client_ip;
pub mod current_user;
pub mod login;
pub mod register;
pub mod session;
pub mod throttle;
pub mod tokens;
pub mod users;
pub mod verification;

pub use client_ip::ClientIp;
pub use current_user::CurrentUser;
