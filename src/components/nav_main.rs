//! The signed-in part of the main navigation: where each role works.
//! Clients find professionals and see their sessions; professionals manage
//! their availability and profile and see their sessions. The link of the current page
//! has `aria-current="page"` (set by the router's `<A>`).

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::auth::Role;

use crate::auth::use_auth;
use crate::routes;

/// The links each role sees, in order.
pub fn links_for(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Client => &[
            (routes::PROFESSIONALS, "Professionals"),
            (routes::SESSIONS, "Sessions"),
        ],
        Role::Professional => &[
            (routes::AVAILABILITY, "Availability"),
            (routes::PROFILE, "Profile"),
            (routes::SESSIONS, "Sessions"),
        ],
    }
}

#[component]
pub fn NavMain() -> impl IntoView {
    let auth = use_auth();
    let role = Memo::new(move |_| auth.user().map(|user| user.role));
    move || {
        role.get().map(|role| {
            view! {
                <ul class="nav-links nav-main" role="list">
                    {links_for(role)
                        .iter()
                        .map(|&(href, label)| {
                            view! {
                                <li>
                                    <A href=href attr:class="nav-link">
                                        {label}
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_sees_where_it_works() {
        let labels =
            |role| -> Vec<&str> { links_for(role).iter().map(|(_, label)| *label).collect() };
        assert_eq!(labels(Role::Client), ["Professionals", "Sessions"]);
        assert_eq!(
            labels(Role::Professional),
            ["Availability", "Profile", "Sessions"]
        );
    }

    /// The server writes a signed-in person's header into the first screen
    /// (server/src/first_screen.rs) with the same labels.
    #[test]
    fn the_servers_first_screen_names_the_same_links() {
        const FIRST_SCREEN: &str = include_str!("../../server/src/first_screen.rs");
        for (role, name) in [
            (Role::Client, "CLIENT_LINKS"),
            (Role::Professional, "PROFESSIONAL_LINKS"),
        ] {
            let labels: Vec<String> = links_for(role)
                .iter()
                .map(|(_, label)| format!("{label:?}"))
                .collect();
            let line = format!(
                "pub const {name}: [&str; {}] = [{}];",
                labels.len(),
                labels.join(", ")
            );
            assert!(
                FIRST_SCREEN.contains(&line),
                "the server does not say {line}"
            );
        }
    }
}
