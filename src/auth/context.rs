//! The [`Auth`] context: the signed-in user, shared by every page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tandem_api::auth::User;
use tandem_api::UserId;

use super::requests;
use crate::api::ApiError;

/// What the app knows about who is using it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// `GET /api/auth/me` has not answered yet.
    Loading,
    SignedOut,
    SignedIn(User),
}

/// The signed-in user and how to change it. Cheap to copy; get it with
/// [`use_auth`].
#[derive(Debug, Clone, Copy)]
pub struct Auth {
    session: RwSignal<Session>,
    user: Memo<Option<User>>,
    signed_in: Memo<Option<bool>>,
    /// Bumped by every change and every refresh, so that the answer to an
    /// older `refresh` cannot undo a newer sign-in or sign-out.
    version: StoredValue<u64>,
    /// The person pressed "Sign out" (rather than their session ending).
    signed_out_by_choice: StoredValue<bool>,
    /// The address the newest verification link went to, and for whom.
    verification_sent: RwSignal<Option<(UserId, String)>>,
}

impl Auth {
    /// Creates the context, provides it to everything below, and starts
    /// loading the current user. Call once, at the root.
    pub fn provide() -> Self {
        let session = RwSignal::new(Session::Loading);
        let user = Memo::new(move |_| {
            session.with(|s| match s {
                Session::SignedIn(user) => Some(user.clone()),
                _ => None,
            })
        });
        let signed_in = Memo::new(move |_| {
            session.with(|s| match s {
                Session::Loading => None,
                Session::SignedOut => Some(false),
                Session::SignedIn(_) => Some(true),
            })
        });
        let auth = Self {
            session,
            user,
            signed_in,
            version: StoredValue::new(0),
            signed_out_by_choice: StoredValue::new(false),
            verification_sent: RwSignal::new(None),
        };
        provide_context(auth);
        auth.refresh();
        auth
    }

    pub fn session(&self) -> Session {
        self.session.get()
    }

    /// The signed-in user; `None` while loading and when signed out.
    pub fn user(&self) -> Option<User> {
        self.user.get()
    }

    /// `Some(true)` signed in, `Some(false)` signed out, `None` while the
    /// app is still asking the server (the shape of leptos_router's
    /// `ProtectedRoute` condition).
    pub fn signed_in(&self) -> Option<bool> {
        self.signed_in.get()
    }

    pub fn is_loading(&self) -> bool {
        self.signed_in.get().is_none()
    }

    /// Whether the signed-in user still has to verify their email address.
    pub fn needs_verification(&self) -> bool {
        self.user.with(|u| u.as_ref().is_some_and(|u| !u.verified))
    }

    /// Records who is signed in now, from an answer of the server (sign-in,
    /// registration, verification) or `None` when the session is gone.
    pub fn set_user(&self, user: Option<User>) {
        self.version.update_value(|v| *v += 1);
        if user.is_some() {
            self.signed_out_by_choice.set_value(false);
        }
        self.session.set(match user {
            Some(user) => Session::SignedIn(user),
            None => Session::SignedOut,
        });
    }

    /// Forgets the user when an API answer says the session has ended
    /// (`401 unauthorized`), so that the page's [`super::RequireUser`] guard
    /// sends them to sign in and back to the page afterwards. Returns
    /// whether it did.
    pub fn forget_if_unauthorized(&self, error: &ApiError) -> bool {
        let ended = error.is_unauthorized();
        if ended && self.session.get_untracked() != Session::SignedOut {
            self.set_user(None);
        }
        ended
    }

    /// The person signed out: forgets the user, and pages that need one
    /// send to the sign-in page without offering to come back.
    pub fn signed_out_by_choice(&self) {
        self.signed_out_by_choice.set_value(true);
        self.set_user(None);
    }

    /// Whether the last sign-out was the person's own (see
    /// [`Auth::signed_out_by_choice`]). Not reactive.
    pub fn was_signed_out_by_choice(&self) -> bool {
        self.signed_out_by_choice.get_value()
    }

    /// Asks the server who is signed in, and records the answer unless
    /// something newer was recorded meanwhile. A failure to reach the
    /// server keeps what the app already knew (signed out at start).
    pub fn refresh(&self) {
        let auth = *self;
        auth.version.update_value(|v| *v += 1);
        let asked_at = auth.version.get_value();
        spawn_local(async move {
            let answer = requests::me().await;
            if auth.version.try_get_value() != Some(asked_at) {
                return;
            }
            match answer {
                Ok(user) => auth.set_user(Some(user)),
                Err(error) if error.is_unauthorized() => auth.set_user(None),
                Err(error) => {
                    log::warn!("cannot load the signed-in user: {error}");
                    if auth.session.get_untracked() == Session::Loading {
                        auth.set_user(None);
                    }
                }
            }
        });
    }

    /// Remembers that a verification link was just sent to `email` for the
    /// signed-in `user`.
    pub fn note_verification_sent(&self, user: UserId, email: String) {
        self.verification_sent.set(Some((user, email)));
    }

    /// The address the signed-in user's newest link went to, when this app
    /// sent it (at registration or from the verify page).
    pub fn verification_sent_to(&self) -> Option<String> {
        let user = self.user.with(|u| u.as_ref().map(|u| u.id))?;
        self.verification_sent.with(|sent| match sent {
            Some((id, email)) if *id == user => Some(email.clone()),
            _ => None,
        })
    }
}

/// The [`Auth`] context provided by the app's root.
pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
