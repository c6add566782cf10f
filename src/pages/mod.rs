//! One module per route.

pub mod account;
pub mod availability;
pub mod call;
pub mod forgot_password;
pub mod gallery;
pub mod home;
pub mod load_from_server;
pub mod login;
pub mod not_found;
pub mod professional;
pub mod professionals;
pub mod profile;
pub mod register;
pub mod reset_password;
pub mod sessions;
pub mod verify;

#[cfg(test)]
mod tests {
    /// The app's HTML page, whose first screen repeats the top of the
    /// pages that need no data, and the directory's heading (painted
    /// before the wasm arrives).
    const INDEX_HTML: &str = include_str!("../../index.html");

    #[test]
    fn the_first_screen_in_index_html_says_what_the_pages_say() {
        let texts = [
            super::home::EYEBROW,
            super::home::TITLE,
            super::home::LEAD,
            super::login::TITLE,
            super::login::LEAD,
            super::register::TITLE,
            super::register::LEAD,
            super::professionals::TITLE,
            super::professionals::LEAD,
        ];
        for text in texts {
            assert!(
                INDEX_HTML.contains(&format!(">{text}<")),
                "index.html's first screen does not say {text:?}"
            );
        }
    }
}
