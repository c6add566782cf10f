//! Accounts: registration, sign-in sessions, throttling of failed
//! sign-ins (with trusted devices), email verification, and resetting a
//! forgotten password.

pub mod client_ip;
pub mod cookies;
pub mod current_user;
pub mod device;
pub mod link_log;
pub mod login;
pub mod password_reset;
pub mod password_rules;
pub mod register;
pub mod registration_limit;
pub mod reset_tokens;
pub mod session;
pub mod sign_out;
pub mod throttle;
pub mod tokens;
pub mod users;
pub mod verification;
pub mod verification_tokens;

pub use client_ip::ClientIp;
pub use current_user::CurrentUser;
