//! The account page: loading, failed, every section at rest, and each
//! section saving, saved and refused (a name or zone to fix, a wrong or
//! weak password, too many tries), signing out everywhere, and the steps
//! of deleting the account.

use leptos::prelude::*;
use tandem_api::account::Account;
use tandem_api::calendar::CalendarFeedStatus;

use super::accounts::{form_error, no_submit};
use crate::api::ApiError;
use crate::components::account::FeedChange;
use crate::components::account::{
    confirm_password_field, name_field, password_fields, zone_field, CalendarFeedView,
    DeleteAccountView, FeedState, NameSectionView, PasswordSectionView, RemindersSectionView,
    SignOutEverywhereView, TimeZoneSectionView,
};
use crate::components::load_state::Remote;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::account::{AccountHeader, AccountSections, AccountView};

const PAGE: &str = "account";
const TITLE: &str = "Account page";
const ZONE: &str = "Europe/London";
const GOOD_PASSWORD: &str = "violet lantern harbour";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    [own_states(&state), super::account_messages::states(&state)].concat()
}

fn own_states(
    state: &impl Fn(&'static str, &'static str, fn() -> AnyView) -> GalleryState,
) -> Vec<GalleryState> {
    vec![
        state("loaded", "Everything at rest", || {
            loaded(fixtures::account(&fixtures::ada(), Some(ZONE)))
        }),
        state("zone-not-chosen", "No time zone chosen yet", || {
            loaded(fixtures::account(&fixtures::ada(), None))
        }),
        state("loading", "Loading", || remote(None)),
        state("failed", "Could not load", || {
            remote(Some(Err(fixtures::unreachable())))
        }),
        state("name-to-fix", "Name: to fix", || {
            sections(Sections {
                name: Form::typed(&["  "]).submitted(),
                ..Sections::default()
            })
        }),
        state("name-saving", "Name: saving", || {
            sections(Sections {
                name: Form::typed(&["Ada King"]).submitted().pending(),
                ..Sections::default()
            })
        }),
        state("name-saved", "Name: saved", || {
            sections(Sections {
                name: Form::default().saved(),
                ..Sections::default()
            })
        }),
        state("zone-refused", "Time zone: not a known zone", || {
            let refused = fixtures::field_refused(
                "time_zone",
                "\"Mars/Olympus\" is not a known time zone: use an IANA name such as Europe/Paris.",
            );
            sections(Sections {
                zone: Form::typed(&["Mars/Olympus"]).submitted().refused(refused),
                ..Sections::default()
            })
        }),
        state("zone-saved", "Time zone: saved", || {
            sections(Sections {
                zone: Form::default().saved(),
                ..Sections::default()
            })
        }),
        state("password-to-fix", "Password: fields to fix", || {
            sections(Sections {
                password: Form::typed(&["", "short"]).submitted(),
                ..Sections::default()
            })
        }),
        state("password-wrong", "Password: wrong current password", || {
            let refused =
                fixtures::field_refused("current_password", "This is not your current password.");
            sections(Sections {
                password: Form::typed(&["not my password", GOOD_PASSWORD])
                    .submitted()
                    .refused(refused),
                ..Sections::default()
            })
        }),
        state("password-weak", "Password: easy to guess", || {
            let refused = fixtures::password_too_weak("new_password");
            sections(Sections {
                password: Form::typed(&["my password", "password1"])
                    .submitted()
                    .refused(refused),
                ..Sections::default()
            })
        }),
        state(
            "password-too-many",
            "Password: too many wrong tries",
            || {
                sections(Sections {
                    password: Form::typed(&["guess", GOOD_PASSWORD])
                        .submitted()
                        .refused(fixtures::rate_limited(15 * 60)),
                    ..Sections::default()
                })
            },
        ),
        state("password-saving", "Password: saving", || {
            sections(Sections {
                password: Form::typed(&["my password", GOOD_PASSWORD])
                    .submitted()
                    .pending(),
                ..Sections::default()
            })
        }),
        state("password-changed", "Password: changed", || {
            sections(Sections {
                password: Form::default().saved(),
                ..Sections::default()
            })
        }),
        state("signing-out", "Signing out everywhere", || {
            sections(Sections {
                everywhere: Form::default().pending(),
                ..Sections::default()
            })
        }),
        state("sign-out-failed", "Signing out everywhere failed", || {
            sections(Sections {
                everywhere: Form::default().refused(fixtures::unreachable()),
                ..Sections::default()
            })
        }),
        state(
            "delete-confirm",
            "Delete: confirming with the password",
            || {
                sections(Sections {
                    delete: Some(Form::default()),
                    ..Sections::default()
                })
            },
        ),
        state("delete-wrong-password", "Delete: wrong password", || {
            let refused = fixtures::field_refused("password", "This is not your current password.");
            sections(Sections {
                delete: Some(
                    Form::typed(&["not my password"])
                        .submitted()
                        .refused(refused),
                ),
                ..Sections::default()
            })
        }),
        state("deleting", "Delete: deleting", || {
            sections(Sections {
                delete: Some(Form::typed(&["my password"]).submitted().pending()),
                ..Sections::default()
            })
        }),
    ]
}

/// What one section shows; the default is at rest with the account's
/// values.
#[derive(Clone, Default)]
pub(super) struct Form {
    /// What is typed in the section's boxes, in order (none: the account's).
    typed: Vec<&'static str>,
    submitted: bool,
    saved: bool,
    pending: bool,
    /// The server's refusal of the last attempt.
    refused: Option<ApiError>,
}

impl Form {
    pub(super) fn typed(values: &[&'static str]) -> Self {
        Self {
            typed: values.to_vec(),
            ..Self::default()
        }
    }

    pub(super) fn submitted(self) -> Self {
        Self {
            submitted: true,
            ..self
        }
    }

    pub(super) fn saved(self) -> Self {
        Self {
            saved: true,
            ..self
        }
    }

    pub(super) fn pending(self) -> Self {
        Self {
            pending: true,
            ..self
        }
    }

    pub(super) fn refused(self, error: ApiError) -> Self {
        Self {
            refused: Some(error),
            ..self
        }
    }

    /// The `index`th typed value, else `default`.
    fn value(&self, index: usize, default: &str) -> String {
        self.typed.get(index).copied().unwrap_or(default).to_owned()
    }
}

/// Each section of the page; `delete` is `Some` once the confirmation step
/// is open.
#[derive(Clone, Default)]
pub(super) struct Sections {
    pub name: Form,
    pub zone: Form,
    /// `typed` holds "off" when the box is not ticked.
    pub reminders: Form,
    pub feed: Feed,
    pub password: Form,
    pub everywhere: Form,
    pub delete: Option<Form>,
}

/// What the calendar feed section shows.
#[derive(Clone, Default)]
pub(super) struct Feed {
    /// None: a link made nine days ago.
    pub loaded: Option<Result<CalendarFeedStatus, ApiError>>,
    /// The address just made.
    pub new_url: Option<String>,
    pub failure: Option<(FeedChange, String)>,
}

/// The page as the API's answer makes it (`None`: still loading).
fn remote(answer: Option<Result<Account, ApiError>>) -> AnyView {
    show_as(Some(fixtures::ada()));
    let loaded = Remote::fixed((), answer);
    let feed = Remote::fixed((), Some(Ok(feed_made_days_ago())));
    view! {
        <section aria-labelledby="account-title">
            <AccountHeader />
            <AccountView loaded feed />
        </section>
    }
    .into_any()
}

/// The page loaded with `account`, every section at rest.
fn loaded(account: Account) -> AnyView {
    remote(Some(Ok(account)))
}

/// A calendar link made nine days ago.
fn feed_made_days_ago() -> CalendarFeedStatus {
    CalendarFeedStatus {
        created_at: Some(fixtures::now() - chrono::Duration::days(9)),
    }
}

/// Ada's page, each section as `look` says.
pub(super) fn sections(look: Sections) -> AnyView {
    show_as(Some(fixtures::ada()));
    let account = fixtures::account(&fixtures::ada(), Some(ZONE));
    let name = name_section(&account, look.name);
    let zone = zone_section(&account, look.zone);
    let reminders = reminders_section(look.reminders);
    let feed = feed_section(look.feed);
    let password = password_section(look.password);
    let everywhere = view! {
        <SignOutEverywhereView
            error=Signal::stored(look.everywhere.refused.map(|e| e.user_message()))
            pending=Signal::stored(look.everywhere.pending)
            on_sign_out=Callback::new(|_| {})
        />
    };
    let delete = delete_section(look.delete);
    view! {
        <section aria-labelledby="account-title">
            <AccountHeader />
            <AccountSections>
                {name} {zone} {reminders} {feed} {password} {everywhere} {delete}
            </AccountSections>
        </section>
    }
    .into_any()
}

fn name_section(account: &Account, form: Form) -> impl IntoView {
    let full_name = name_field();
    full_name.value.set(form.value(0, &account.full_name));
    let form_error = form_error(form.refused, &[full_name]);
    view! {
        <NameSectionView
            full_name
            submitted=Signal::stored(form.submitted)
            saved=Signal::stored(form.saved)
            pending=Signal::stored(form.pending)
            form_error=Signal::stored(form_error)
            on_submit=no_submit()
        />
    }
}

fn zone_section(account: &Account, form: Form) -> impl IntoView {
    let zone = zone_field();
    zone.value.set(form.value(0, ZONE));
    let form_error = form_error(form.refused, &[zone]);
    view! {
        <TimeZoneSectionView
            zone
            chosen=Signal::stored(account.time_zone.clone())
            submitted=Signal::stored(form.submitted)
            saved=Signal::stored(form.saved)
            pending=Signal::stored(form.pending)
            form_error=Signal::stored(form_error)
            on_submit=no_submit()
        />
    }
}

fn reminders_section(form: Form) -> impl IntoView {
    let wanted = RwSignal::new(form.value(0, "on") == "on");
    let form_error = form.refused.map(|e| e.user_message());
    view! {
        <RemindersSectionView
            wanted
            saved=Signal::stored(form.saved)
            pending=Signal::stored(form.pending)
            form_error=Signal::stored(form_error)
            on_submit=no_submit()
        />
    }
}

fn feed_section(feed: Feed) -> impl IntoView {
    let loaded = Remote::fixed(
        (),
        Some(feed.loaded.unwrap_or_else(|| Ok(feed_made_days_ago()))),
    );
    let state = FeedState::new();
    state.new_url.set(feed.new_url);
    state.failure.set(feed.failure);
    view! { <CalendarFeedView loaded state /> }
}

fn password_section(form: Form) -> impl IntoView {
    let (current, new) = password_fields();
    current.value.set(form.value(0, ""));
    new.value.set(form.value(1, ""));
    let form_error = form_error(form.refused, &[current, new]);
    view! {
        <PasswordSectionView
            current
            new
            submitted=Signal::stored(form.submitted)
            saved=Signal::stored(form.saved)
            pending=Signal::stored(form.pending)
            form_error=Signal::stored(form_error)
            on_submit=no_submit()
        />
    }
}

fn delete_section(form: Option<Form>) -> impl IntoView {
    let confirming = RwSignal::new(form.is_some());
    let form = form.unwrap_or_default();
    let password = confirm_password_field();
    password.value.set(form.value(0, ""));
    let form_error = form_error(form.refused, &[password]);
    view! {
        <DeleteAccountView
            confirming
            password
            submitted=RwSignal::new(form.submitted)
            pending=Signal::stored(form.pending)
            form_error=Signal::stored(form_error)
            on_submit=no_submit()
        />
    }
}
