//! [`use_call_credentials`]: the credentials to join the call, from
//! `POST /api/bookings/{id}/call`.

use chrono::{Duration, Utc};
use leptos::prelude::*;
use tandem_api::calls::CallCredentials;
use tandem_api::{BookingId, UserId};

use crate::api::ApiError;
use crate::auth::Auth;
use crate::call::requests;

/// A token this close to its expiry is replaced before joining.
const TOKEN_MARGIN_SECONDS: i64 = 30;

/// The answer to `POST …/call`.
#[derive(Debug, Clone, PartialEq)]
pub enum Credentials {
    Loading,
    Ready(CallCredentials),
    Failed(ApiError),
}

/// The newest credentials and the ways to get new ones.
#[derive(Clone, Copy)]
pub struct UseCallCredentialsReturn {
    /// The newest answer (`Loading` while a request is in flight).
    pub state: RwSignal<Credentials>,
    booking_id: BookingId,
    auth: Auth,
}

/// The credentials of `booking_id`'s call, `Loading` until the first
/// [`UseCallCredentialsReturn::load`]. Requests in flight are aborted when
/// the current owner (the page) goes away.
pub fn use_call_credentials(booking_id: BookingId, auth: Auth) -> UseCallCredentialsReturn {
    UseCallCredentialsReturn {
        state: RwSignal::new(Credentials::Loading),
        booking_id,
        auth,
    }
}

impl UseCallCredentialsReturn {
    /// Asks the server for new credentials. A `401` forgets the user; a
    /// refusal for an unverified account refreshes ours.
    pub async fn load(self) -> Result<CallCredentials, ApiError> {
        self.state.try_set(Credentials::Loading);
        let result = requests::call_credentials(self.booking_id).await;
        match &result {
            Ok(credentials) => {
                self.state.try_set(Credentials::Ready(credentials.clone()));
            }
            Err(error) => {
                self.auth.forget_if_unauthorized(error);
                if error.is_not_verified() {
                    // The server knows better than our copy of the user.
                    self.auth.refresh();
                }
                self.state.try_set(Credentials::Failed(error.clone()));
            }
        }
        result
    }

    /// Credentials good for at least a little longer: the ones in hand, or
    /// new ones.
    pub async fn fresh(self) -> Result<CallCredentials, ApiError> {
        if let Some(Credentials::Ready(credentials)) = self.state.try_get_untracked() {
            if credentials.expires_at - Utc::now() > Duration::seconds(TOKEN_MARGIN_SECONDS) {
                return Ok(credentials);
            }
        }
        self.load().await
    }

    /// Whether the call can be joined with them. Reactive.
    pub fn is_ready(&self) -> bool {
        self.state
            .with(|state| matches!(state, Credentials::Ready(_)))
    }

    /// Our identity in the room: the credentials', or `user` (which is
    /// what the server puts in them) before they arrive.
    pub fn identity(&self, user: UserId) -> String {
        match self.state.get_untracked() {
            Credentials::Ready(credentials) => credentials.identity,
            _ => user.to_string(),
        }
    }
}
