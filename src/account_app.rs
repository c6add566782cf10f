//! The account app: the pages where a person manages their own things
//! (`/account`, and a professional's `/profile` and `/availability`), in
//! the same frame as [`crate::App`], so that the booking pages do not
//! download them. Any other address is loaded from the server, which
//! answers with the app that draws it.

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};

use crate::app_frame::AppFrame;
use crate::pages::{
    account::AccountPage, availability::AvailabilityPage, load_from_server::LoadFromServer,
    profile::ProfilePage,
};
use crate::routes::{self, segment};

/// `/account`, `/profile` and `/availability`, drawn as in [`crate::App`].
#[component]
pub fn AccountApp() -> impl IntoView {
    view! {
        <AppFrame>
                    <Routes fallback=LoadFromServer>
                        <Route path=segment(routes::ACCOUNT) view=AccountPage />
                        <Route path=segment(routes::AVAILABILITY) view=AvailabilityPage />
                        <Route path=segment(routes::PROFILE) view=ProfilePage />
                    </Routes>
        </AppFrame>
    }
}
