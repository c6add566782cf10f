//! Pieces shared by several pages.

pub mod account;
pub mod call;
pub mod call_action;
pub mod day_picker;
pub mod form_field;
pub mod layout;
pub mod load_state;
pub mod nav_main;
pub mod nav_user;
pub mod no_api_server;
pub mod session_card;
pub mod time_choices;
pub mod time_zone;
pub mod verify_prompt;
