//! The viewer's time zone: named next to every time the app shows, and sent
//! with requests that ask for a local day.

use chrono::{Local, Offset};
use leptos::prelude::*;

use crate::booking::time::{browser_time_zone, zone_label};

/// The browser's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewerZone {
    /// The IANA name (`Europe/Paris`), when the browser gives one.
    pub name: Option<String>,
    /// How it is shown: the name, or the offset from UTC.
    pub label: String,
}

impl ViewerZone {
    pub fn current() -> Self {
        let name = browser_time_zone();
        let offset = Local::now().offset().fix().local_minus_utc();
        let label = zone_label(name.as_deref(), offset);
        Self { name, label }
    }

    /// The `tz` to send for a local day: the IANA name, else `UTC`.
    pub fn query_value(&self) -> String {
        self.name.clone().unwrap_or_else(|| "UTC".to_owned())
    }
}

/// "Times in Europe/Paris".
#[component]
pub fn TimesIn(zone: ViewerZone) -> impl IntoView {
    view! {
        <p class="times-in muted small">
            "Times in " <span class="times-in__zone">{zone.label}</span>
        </p>
    }
}
