//! One module per route.

pub mod account;
pub mod availability;
pub mod call;
pub mod forgot_password;
pub mod gallery;
pub mod home;
pub mod login;
pub mod not_found;
pub mod professional;
pub mod professionals;
pub mod profile;
pub mod register;
pub mod reset_password;
pub mod sessions;
pub mod verify;
