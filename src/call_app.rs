//! The call app: the same frame as [`crate::App`] (who is signed in, the
//! router, the shared layout) around the call page alone. Any other
//! address is loaded from the server, which answers with the booking app.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Routes},
    ParamSegment,
};

use crate::app_frame::AppFrame;
use crate::pages::{call::CallPage, load_from_server::LoadFromServer};
use crate::routes::{self, segment};

/// `/call/:booking_id`, drawn as in [`crate::App`].
#[component]
pub fn CallApp() -> impl IntoView {
    view! {
        <AppFrame>
                    <Routes fallback=LoadFromServer>
                        <Route
                            path=(segment(routes::CALL), ParamSegment(routes::BOOKING_ID_PARAM))
                            view=CallPage
                        />
                    </Routes>
        </AppFrame>
    }
}
