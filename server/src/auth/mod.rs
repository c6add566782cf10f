//! Accounts: registration, sign-in sessions, throttling of failed
//! sign-ins (with trusted devices), and email verification.

pub mod client_ip;
pub mod cookies;
pub mod current_user;
pub mod device;
pub mod login;
pub mod register;
pub mod session;
pub mod throttle;
pub mod tokens;
pub mod users;
pub mod verification;

pub use client_ip::ClientIp;
pub use current_user::CurrentUser;
