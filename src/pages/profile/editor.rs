//! The profile form: checked in the browser with the shared rule first,
//! then saved; the server's field messages show next to their fields, and
//! nothing typed is lost when saving fails.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::profiles::{ProfessionalProfile, Specialty, UpdateProfileRequest};

use super::languages::LanguagePicker;
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::components::form_field::{focus_by_id, FormAlert, FormField, SubmitButton, TextField};
use crate::components::load_state::may_retry;
use crate::profiles::editor::{
    about_error, check, field_of, headline_error, tags_error, tags_from_text, tags_text,
};
use crate::profiles::requests;
use crate::routes;

const HEADLINE_ID: &str = "profile-headline";
const ABOUT_ID: &str = "profile-about";
const TAGS_ID: &str = "profile-tags";
const SPECIALTIES_ID: &str = "profile-specialties";
pub(super) const LANGUAGES_ID: &str = "profile-language-add";
const SAVED_ID: &str = "profile-saved";

const HEADLINE_HINT: &str = "One line under your name, at most 80 characters.";
const ABOUT_HINT: &str =
    "How you work and who you help, at most 2,000 characters. Leave a blank line between paragraphs.";
const TAGS_HINT: &str =
    "Up to 5 more words clients may search for, separated by commas (EMDR, ADHD).";

/// What the person typed and chose, and what happened when they saved.
#[derive(Debug, Clone, Copy)]
pub struct ProfileForm {
    pub headline: TextField,
    pub about: TextField,
    /// The tags as typed, comma-separated.
    pub tags: TextField,
    pub specialties: RwSignal<Vec<Specialty>>,
    pub languages: RwSignal<Vec<String>>,
    pub specialties_error: RwSignal<Option<String>>,
    pub languages_error: RwSignal<Option<String>>,
    pub submitted: RwSignal<bool>,
    pub saved: RwSignal<bool>,
    /// Why the last save failed, when it was not a field's fault.
    pub form_error: RwSignal<Option<String>>,
    /// Saving failed in a way trying again may fix.
    pub retryable: RwSignal<bool>,
}

impl ProfileForm {
    /// The form filled with `profile`.
    pub fn from_profile(profile: &ProfessionalProfile) -> Self {
        let form = Self {
            headline: TextField::new("headline", headline_error),
            about: TextField::new("about", about_error),
            tags: TextField::new("tags", tags_error),
            specialties: RwSignal::new(Vec::new()),
            languages: RwSignal::new(Vec::new()),
            specialties_error: RwSignal::new(None),
            languages_error: RwSignal::new(None),
            submitted: RwSignal::new(false),
            saved: RwSignal::new(false),
            form_error: RwSignal::new(None),
            retryable: RwSignal::new(false),
        };
        form.fill(profile);
        form
    }

    fn fill(&self, profile: &ProfessionalProfile) {
        self.headline.value.set(profile.headline.clone());
        self.about.value.set(profile.about.clone());
        self.tags.value.set(tags_text(&profile.tags));
        self.specialties.set(profile.specialties.clone());
        self.languages.set(profile.languages.clone());
    }

    /// The request for what is in the form now (untracked).
    pub fn request(&self) -> UpdateProfileRequest {
        UpdateProfileRequest {
            headline: self.headline.value.get_untracked(),
            about: self.about.value.get_untracked(),
            specialties: self.specialties.get_untracked(),
            tags: tags_from_text(&self.tags.value.get_untracked()),
            languages: self.languages.get_untracked(),
        }
    }

    /// Shows `message` under `field`.
    pub fn refuse(&self, field: &str, message: String) {
        match field {
            "headline" => self.headline.server_error.set(Some(message)),
            "about" => self.about.server_error.set(Some(message)),
            "tags" => self.tags.server_error.set(Some(message)),
            "specialties" => self.specialties_error.set(Some(message)),
            _ => self.languages_error.set(Some(message)),
        }
    }

    fn first_refused_id(&self) -> Option<&'static str> {
        let fields = [
            (self.headline.visible_error(true).is_some(), HEADLINE_ID),
            (self.about.visible_error(true).is_some(), ABOUT_ID),
            (
                self.specialties_error.get_untracked().is_some(),
                SPECIALTIES_ID,
            ),
            (self.tags.visible_error(true).is_some(), TAGS_ID),
            (self.languages_error.get_untracked().is_some(), LANGUAGES_ID),
        ];
        fields
            .into_iter()
            .find(|(refused, _)| *refused)
            .map(|(_, id)| id)
    }

    /// What a failed save means for the form: field messages, or a message
    /// above the button.
    fn show_failure(&self, error: &ApiError) {
        let mut any_field = false;
        for refused in error.field_errors() {
            if let Some(field) = field_of(&refused.field) {
                self.refuse(field, refused.message.clone());
                any_field = true;
            }
        }
        if any_field {
            if let Some(id) = untrack(|| self.first_refused_id()) {
                focus_by_id(id);
            }
            return;
        }
        self.retryable.set(may_retry(error));
        self.form_error.set(Some(error.user_message()));
    }
}

#[component]
pub fn ProfileEditor(profile: ProfessionalProfile, form: ProfileForm) -> impl IntoView {
    let auth = use_auth();
    let own_page = routes::professional(profile.id);
    let submitted = form.submitted;
    let save = Action::new_local(move |request: &UpdateProfileRequest| {
        let request = request.clone();
        async move {
            match requests::save_profile(&request).await {
                Ok(saved) => {
                    form.fill(&saved);
                    form.saved.set(true);
                    request_animation_frame(|| focus_by_id(SAVED_ID));
                }
                Err(error) if auth.forget_if_unauthorized(&error) => {}
                Err(error) => form.show_failure(&error),
            }
        }
    });
    let pending = save.pending();
    let last_request = StoredValue::new(None::<UpdateProfileRequest>);

    let send = move |request: UpdateProfileRequest| {
        form.form_error.set(None);
        form.retryable.set(false);
        form.saved.set(false);
        last_request.set_value(Some(request.clone()));
        save.dispatch(request);
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submitted.set(true);
        form.specialties_error.set(None);
        form.languages_error.set(None);
        match check(&form.request()) {
            Ok(request) => send(request),
            Err(refused) => {
                for (field, message) in refused {
                    // Text fields show their own check; lists need telling.
                    if matches!(field, "specialties" | "languages") {
                        form.refuse(field, message);
                    }
                }
                if let Some(id) = form.first_refused_id() {
                    focus_by_id(id);
                }
            }
        }
    };
    let retry = move |_| {
        if let Some(request) = last_request.get_value() {
            send(request);
        }
    };

    view! {
        <form class="form card profile-editor" novalidate=true on:submit=on_submit aria-label="Your profile">
            <FormField
                id=HEADLINE_ID
                label="Headline"
                field=form.headline
                submitted=submitted
                hint=HEADLINE_HINT
                optional=true
            />
            <FormField
                id=ABOUT_ID
                label="About"
                field=form.about
                submitted=submitted
                hint=ABOUT_HINT
                optional=true
                rows=8
            />
            <SpecialtyChoices form />
            <FormField
                id=TAGS_ID
                label="Tags"
                field=form.tags
                submitted=submitted
                hint=TAGS_HINT
                optional=true
            />
            <LanguagePicker languages=form.languages error=form.languages_error />
            <p class="muted small">
                "Your price, session length and time zone come from your "
                <A href=routes::AVAILABILITY>"availability"</A>
                "."
            </p>
            <FormAlert message=form.form_error />
            <Show when=move || form.retryable.get()>
                <div class="form-actions">
                    <button type="button" class="btn btn--secondary" on:click=retry>
                        "Retry saving"
                    </button>
                </div>
            </Show>
            <div role="status">
                <Show when=move || form.saved.get()>
                    <div id=SAVED_ID class="alert alert--success" tabindex="-1">
                        <p>
                            "Profile saved. "
                            <A href=own_page.clone()>"See your page as clients do"</A>
                        </p>
                    </div>
                </Show>
            </div>
            <div class="form-actions">
                <SubmitButton pending=pending label="Save profile" busy_label="Saving…" />
            </div>
        </form>
    }
}

/// The specialties, one checkbox each.
#[component]
fn SpecialtyChoices(form: ProfileForm) -> impl IntoView {
    let error = form.specialties_error;
    view! {
        <fieldset
            id=SPECIALTIES_ID
            class="fieldset"
            tabindex="-1"
            aria-describedby=move || error.with(Option::is_some).then_some("profile-specialties-error")
        >
            <legend class="fieldset__legend">"Specialties"</legend>
            <div class="choice-grid">
                {Specialty::ALL
                    .iter()
                    .map(|specialty| {
                        let specialty = *specialty;
                        let id = format!("profile-specialty-{}", specialty.code());
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    id=id
                                    name="specialties"
                                    value=specialty.code()
                                    prop:checked=move || form.specialties.with(|s| s.contains(&specialty))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        error.set(None);
                                        form.specialties.update(|list| {
                                            list.retain(|s| *s != specialty);
                                            if on {
                                                list.push(specialty);
                                                list.sort();
                                            }
                                        });
                                    }
                                />
                                {specialty.label()}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p id="profile-specialties-error" class="field__error">
                                {message}
                            </p>
                        }
                    })
            }}
        </fieldset>
    }
}
