//! Accounts through the HTTP API: registration, sign-in and its
//! throttling (with trusted devices and proxies), sessions, email verification, cross-site refusals, and what
//! the database keeps.

#[path = "../common/mod.rs"]
mod common;
mod support;

mod at_rest;
mod cross_site;
mod hashing;
mod login;
mod mail;
mod register;
mod session_limits;
mod sessions;
mod throttle;
mod verification;
