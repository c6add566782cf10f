//! Accounts through the HTTP API: registration (and its limit per
//! address), sign-in and its throttling (with trusted devices and
//! proxies), bounded password hashing, sessions, email verification,
//! password reset, the account page's API, account deletion, name and
//! password rules, cross-site refusals, what the database keeps, and what
//! the log never shows.

#[path = "../common/mod.rs"]
mod common;
mod support;

mod account;
mod at_rest;
mod cross_site;
mod deletion;
mod hashing;
mod link_logging;
mod login;
mod mail;
mod names;
mod password_reset;
mod register;
mod registration_limit;
mod session_limits;
mod sessions;
mod throttle;
mod verification;
