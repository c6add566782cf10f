//! The account page's reminders and calendar feed sections: saved, failing,
//! no link yet, a new link shown once, and a change that failed.

use leptos::prelude::*;
use tandem_api::calendar::CalendarFeedStatus;

use super::account::{sections, Feed, Form, Sections};
use crate::components::account::FeedChange;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;

/// A made-up feed address (the server's are 43 random characters).
const FEED_URL: &str =
    "https://tandem.example/api/calendar/f3Kq9ZbT1xVwR7mLcY2pHs8NdA0uJeGt5oWiXkQzBvE.ics";

pub(super) fn states(
    state: &impl Fn(&'static str, &'static str, fn() -> AnyView) -> GalleryState,
) -> Vec<GalleryState> {
    vec![
        state("reminders-saved", "Reminders: turned off and saved", || {
            sections(Sections {
                reminders: Form::typed(&["off"]).submitted().saved(),
                ..Sections::default()
            })
        }),
        state("reminders-failed", "Reminders: saving failed", || {
            sections(Sections {
                reminders: Form::typed(&["off"])
                    .submitted()
                    .refused(fixtures::unreachable()),
                ..Sections::default()
            })
        }),
        state("feed-none", "Calendar feed: no link yet", || {
            sections(Sections {
                feed: Feed {
                    loaded: Some(Ok(CalendarFeedStatus { created_at: None })),
                    ..Feed::default()
                },
                ..Sections::default()
            })
        }),
        state(
            "feed-shown-once",
            "Calendar feed: a new link, shown once",
            || {
                sections(Sections {
                    feed: Feed {
                        loaded: Some(Ok(CalendarFeedStatus {
                            created_at: Some(fixtures::now()),
                        })),
                        new_url: Some(FEED_URL.to_owned()),
                        ..Feed::default()
                    },
                    ..Sections::default()
                })
            },
        ),
        state("feed-failed", "Calendar feed: making a link failed", || {
            let message = format!(
                "Could not make a calendar link. {}",
                fixtures::unreachable().user_message()
            );
            sections(Sections {
                feed: Feed {
                    loaded: Some(Ok(CalendarFeedStatus { created_at: None })),
                    failure: Some((FeedChange::Create, message)),
                    ..Feed::default()
                },
                ..Sections::default()
            })
        }),
        state("feed-not-loaded", "Calendar feed: could not load", || {
            sections(Sections {
                feed: Feed {
                    loaded: Some(Err(fixtures::unreachable())),
                    ..Feed::default()
                },
                ..Sections::default()
            })
        }),
    ]
}
