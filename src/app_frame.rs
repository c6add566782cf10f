//! The frame every app draws its pages in: who is signed in, the router
//! and the shared layout.

use leptos::prelude::*;
use leptos_router::components::Router;

use crate::auth::Auth;
use crate::components::layout::Layout;
use crate::early_answer::ForgetOnNavigation;

/// Provides [`Auth`] and draws `children` (an app's `<Routes>`) inside
/// the router and the shared [`Layout`].
///
/// Nothing is drawn until the server has said who is signed in: the
/// header's links and most pages depend on it, and drawn before, the page
/// would jump down when a signed-in person's links arrive (three rows on a
/// phone). Until then the HTML page's first screen stays.
#[component]
pub fn AppFrame(children: ChildrenFn) -> impl IntoView {
    let auth = Auth::provide();
    let known = Memo::new(move |_| !auth.is_loading());
    let frame = move || {
        let children = children.clone();
        view! {
            <Router>
                <ForgetOnNavigation />
                <Layout>{children()}</Layout>
            </Router>
        }
    };
    view! { <Show when=move || known.get()>{frame()}</Show> }
}
