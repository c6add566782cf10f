//! Who is signed in, for the whole app.
//!
//! [`Auth`] is provided as context at the root: the signed-in [`User`]
//! (`GET /api/auth/me`, loaded once at start and refreshed after signing in
//! or out and after verifying), and the helpers pages use to change it.
//! [`RequireUser`] and [`GuestOnly`] wrap pages that only make sense signed
//! in, or signed out. [`requests`] holds the typed account API calls.
//!
//! [`User`]: tandem_api::auth::User

mod context;
mod guard;
pub mod requests;

pub use context::{use_auth, Auth, Session};
pub use guard::{GuestOnly, Loading, RequireUser};
