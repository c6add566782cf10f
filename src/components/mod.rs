//! Pieces shared by several pages.

pub mod form_field;
pub mod layout;
pub mod nav_user;
pub mod verify_prompt;
