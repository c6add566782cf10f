//! Professionals' profiles and the directory: the typed API calls
//! ([`requests`]), the directory's filters as they travel in the address
//! ([`directory_query`]), the short texts of cards and profiles
//! ([`labels`]) and the profile editor's rules ([`editor`]).
//!
//! Everything but [`requests`] is plain Rust, tested natively.

pub mod directory_query;
pub mod editor;
pub mod labels;
pub mod requests;
