//! The sections of the account page, one per thing a person can change.

mod calendar_feed;
mod delete_account;
mod name;
mod password;
mod reminders;
mod sign_out_everywhere;
mod time_zone;

pub use calendar_feed::{CalendarFeedView, FeedChange, FeedState};

pub use delete_account::{confirm_password_field, DeleteAccountSection, DeleteAccountView};
pub use name::{name_field, NameSection, NameSectionView};
pub use password::{password_fields, PasswordSection, PasswordSectionView};
pub use reminders::{RemindersSection, RemindersSectionView};
pub use sign_out_everywhere::{SignOutEverywhereSection, SignOutEverywhereView};
pub use time_zone::{zone_field, TimeZoneSection, TimeZoneSectionView};

use tandem_api::account::{Account, UpdateAccountRequest};

use crate::api::ApiError;
use crate::booking::time::browser_time_zone;

/// The zone to show and save: the account's, else the browser's, else UTC.
pub fn zone_or_browser(account: &Account) -> String {
    account
        .time_zone
        .clone()
        .or_else(browser_time_zone)
        .unwrap_or_else(|| "UTC".to_owned())
}

/// Saves the name and the time zone together (`PUT /api/account`).
pub async fn save_profile(full_name: String, time_zone: String) -> Result<Account, ApiError> {
    crate::account::requests::update(&UpdateAccountRequest {
        full_name,
        time_zone,
        reminders: None,
    })
    .await
}

/// Saves the reminders choice, with the account's name and zone as they
/// are (`PUT /api/account`).
pub async fn save_reminders(account: &Account, reminders: bool) -> Result<Account, ApiError> {
    crate::account::requests::update(&UpdateAccountRequest {
        full_name: account.full_name.clone(),
        time_zone: zone_or_browser(account),
        reminders: Some(reminders),
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::auth::Role;
    use tandem_api::UserId;

    fn account(time_zone: Option<&str>) -> Account {
        Account {
            id: UserId(1),
            email: "ada@example.com".into(),
            full_name: "Ada".into(),
            role: Role::Client,
            verified: true,
            time_zone: time_zone.map(str::to_owned),
            reminders: true,
        }
    }

    #[test]
    fn the_saved_zone_wins_and_utc_is_the_last_resort() {
        assert_eq!(zone_or_browser(&account(Some("Asia/Tokyo"))), "Asia/Tokyo");
        // Outside a browser there is no browser zone.
        assert_eq!(zone_or_browser(&account(None)), "UTC");
    }
}
