//! `/account` (signed in): the person's name, time zone, reminders,
//! calendar feed and password, signing out everywhere, and deleting the
//! account.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::account::Account;
use tandem_api::auth::Role;
use tandem_api::calendar::CalendarFeedStatus;

use crate::account::requests;
use crate::auth::RequireUser;
use crate::components::account::{
    CalendarFeedView, DeleteAccountSection, FeedState, NameSection, PasswordSection,
    RemindersSection, SignOutEverywhereSection, TimeZoneSection,
};
use crate::components::layout::set_page_title;
use crate::components::load_state::{LoadError, LoadingLine, Remote};
use crate::routes;

#[component]
pub fn AccountPage() -> impl IntoView {
    set_page_title(Some("Account"));
    view! {
        <section aria-labelledby="account-title">
            <RequireUser>
                <AccountHeader />
                <AccountSettings />
            </RequireUser>
        </section>
    }
}

/// The page's title.
#[component]
pub fn AccountHeader() -> impl IntoView {
    view! {
        <header class="page-header">
            <h1 id="account-title">"Account"</h1>
        </header>
    }
}

#[component]
fn AccountSettings() -> impl IntoView {
    let loaded = Remote::new(|| (), |_| requests::get());
    let feed = Remote::new(|| (), |_| requests::calendar_feed());
    view! { <AccountView loaded feed /> }
}

/// The settings as they show: loading, failed, or every section.
#[component]
pub fn AccountView(
    loaded: Remote<(), Account>,
    /// Whether the person has a calendar feed.
    feed: Remote<(), CalendarFeedStatus>,
) -> impl IntoView {
    move || match loaded.state() {
        None => view! { <LoadingLine text="Loading your account…" /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadError error what="your account" retry=Callback::new(move |_| loaded.retry()) />
        }
        .into_any(),
        Some(Ok(account)) => {
            let is_professional = account.role == Role::Professional;
            let account = RwSignal::new(account);
            view! {
                <AccountSections>
                    {is_professional.then(|| view! { <ProfileLink /> })}
                    <NameSection account />
                    <TimeZoneSection account />
                    <RemindersSection account />
                    <CalendarFeedView loaded=feed state=FeedState::new() />
                    <PasswordSection />
                    <SignOutEverywhereSection />
                    <DeleteAccountSection />
                </AccountSections>
            }
            .into_any()
        }
    }
}

/// Where a professional edits what clients read about them.
#[component]
fn ProfileLink() -> impl IntoView {
    view! {
        <section class="card stack" aria-labelledby="account-profile-title">
            <h2 id="account-profile-title" class="section-title">
                "Public profile"
            </h2>
            <p>"Your headline, about text, specialties and languages, as clients see them."</p>
            <p>
                <A href=routes::PROFILE attr:class="btn btn--secondary">
                    "Edit your profile"
                </A>
            </p>
        </section>
    }
}

/// The sections, one under the other.
#[component]
pub fn AccountSections(children: Children) -> impl IntoView {
    view! { <div class="stack stack--loose account-settings">{children()}</div> }
}
