//! The booking rules of `/availability`: time zone, session length,
//! buffer, minimum notice, how far ahead, cancellation cutoff, price.

use leptos::prelude::*;

use crate::availability::rules::{self, RuleTexts};
use crate::booking::time::browser_time_zone;
use crate::components::form_field::{FormField, TextField};

/// The rule boxes, each with its own check and the server's message.
#[derive(Clone, Copy)]
pub struct RuleFields {
    pub time_zone: TextField,
    pub session: TextField,
    pub buffer: TextField,
    pub notice: TextField,
    pub horizon: TextField,
    pub cutoff: TextField,
    pub price: TextField,
}

impl RuleFields {
    pub fn new(texts: &RuleTexts) -> Self {
        let fields = Self {
            time_zone: TextField::new(rules::TIME_ZONE, rules::time_zone_error),
            session: TextField::new(rules::SESSION, rules::session_error),
            buffer: TextField::new(rules::BUFFER, rules::buffer_error),
            notice: TextField::new(rules::NOTICE, rules::notice_error),
            horizon: TextField::new(rules::HORIZON, rules::horizon_error),
            cutoff: TextField::new(rules::CUTOFF, rules::cutoff_error),
            price: TextField::new(rules::PRICE, rules::price_error),
        };
        fields.show(texts);
        fields
    }

    /// Puts saved rules in the boxes, dropping every message.
    pub fn show(&self, texts: &RuleTexts) {
        let values = [
            &texts.time_zone,
            &texts.session,
            &texts.buffer,
            &texts.notice,
            &texts.horizon,
            &texts.cutoff,
            &texts.price,
        ];
        for (field, value) in self.all().into_iter().zip(values) {
            field.value.set(value.clone());
            field.touched.set(false);
            field.server_error.set(None);
        }
    }

    /// What the boxes hold now (untracked).
    pub fn texts(&self) -> RuleTexts {
        RuleTexts {
            time_zone: self.time_zone.value.get_untracked(),
            session: self.session.value.get_untracked(),
            buffer: self.buffer.value.get_untracked(),
            notice: self.notice.value.get_untracked(),
            horizon: self.horizon.value.get_untracked(),
            cutoff: self.cutoff.value.get_untracked(),
            price: self.price.value.get_untracked(),
        }
    }

    /// In the order shown.
    pub fn all(&self) -> [TextField; 7] {
        [
            self.time_zone,
            self.session,
            self.buffer,
            self.notice,
            self.horizon,
            self.cutoff,
            self.price,
        ]
    }

    /// The box of an API field name.
    pub fn by_name(&self, name: &str) -> Option<TextField> {
        self.all().into_iter().find(|field| field.name == name)
    }
}

/// The input id of a rule box: `rules-session_minutes`.
pub fn rule_id(name: &str) -> String {
    format!("rules-{name}")
}

#[component]
pub fn RulesFields(fields: RuleFields, #[prop(into)] submitted: Signal<bool>) -> impl IntoView {
    let number = |field: TextField, label: &'static str, hint: &'static str| {
        view! {
            <FormField
                id=rule_id(field.name)
                label
                field
                submitted
                hint
                inputmode="numeric"
                autocomplete="off"
            />
        }
    };
    let zone = fields.time_zone;
    // Offered when the box holds another zone than this browser's.
    let use_browser_zone = browser_time_zone().map(|browser| {
        let shown = browser.clone();
        let differs = move || zone.value.with(|v| v.trim() != browser);
        view! {
            <Show when=differs.clone()>
                <button
                    type="button"
                    class="btn btn--ghost btn--small"
                    on:click={
                        let shown = shown.clone();
                        move |_| {
                            zone.value.set(shown.clone());
                            zone.server_error.set(None);
                        }
                    }
                >
                    {format!("Use {shown}, this browser's zone")}
                </button>
            </Show>
        }
    });
    view! {
        <div class="rules">
            <div class="rules__zone">
                <FormField
                    id=rule_id(zone.name)
                    label="Time zone"
                    field=zone
                    submitted
                    hint="Your hours are in this zone: an IANA name such as Europe/Berlin."
                    autocomplete="off"
                />
                {use_browser_zone}
            </div>
            {number(fields.session, "Session length (minutes)", "15 to 240.")}
            {number(fields.buffer, "Buffer after each session (minutes)", "0 to 60.")}
            {number(
                fields.notice,
                "Minimum notice (hours)",
                "How long before its start a time can still be booked, 0 to 168.",
            )}
            {number(fields.horizon, "Bookable ahead (days)", "1 to 365.")}
            {number(
                fields.cutoff,
                "Cancellation cutoff (hours)",
                "Until how many hours before the start clients may cancel or reschedule, 0 to 72 (0: until the start).",
            )}
            <FormField
                id=rule_id(fields.price.name)
                label="Price per session (USD)"
                field=fields.price
                submitted
                hint="Between $1 and $250."
                inputmode="decimal"
                autocomplete="off"
            />
        </div>
    }
}
