//! A professional's weekly hours, rules and date overrides as `/availability`
//! edits them: the typed API calls ([`requests`]) and the pure rules of the
//! editor, tested natively without a browser: editing one day's or the
//! week's ranges ([`week`]), the rule fields ([`rules`]), and placing the
//! messages of a refusal next to the input they are about ([`field_errors`]).

pub mod field_errors;
pub mod requests;
pub mod rules;
pub mod week;
