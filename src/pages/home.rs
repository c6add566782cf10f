//! `/`: what Tandem is, a greeting or the way in, and whether the service
//! is up right now.

use leptos::prelude::*;
use leptos_router::components::A;
use tandem_api::health::{ComponentStatus, Health};

use crate::api::{self, ApiError};
use crate::auth::use_auth;
use crate::components::layout::set_page_title;
use crate::routes;

/// The hero's text, also in index.html's first screen.
pub(crate) const EYEBROW: &str = "Online sessions with professionals";
pub(crate) const TITLE: &str = "Meet your professional, face to face, from anywhere";
pub(crate) const LEAD: &str = "Therapists, coaches and doctors publish the times they are free. \
    You pick one, and at the booked time you meet them in a private video call, \
    right in your browser.";

#[component]
pub fn HomePage() -> impl IntoView {
    set_page_title(None);
    view! {
        <HomeView>
            <ServiceStatus />
        </HomeView>
    }
}

/// The home page as it shows; `children` is the line that says whether the
/// service is up.
#[component]
pub fn HomeView(children: Children) -> impl IntoView {
    view! {
        <section class="hero" aria-labelledby="home-title">
            <p class="eyebrow">{EYEBROW}</p>
            <h1 id="home-title" class="hero__title">
                {TITLE}
            </h1>
            <p class="lead hero__lead">{LEAD}</p>
            <Welcome />
            {children()}
        </section>

        <section class="features" aria-labelledby="features-title">
            <h2 id="features-title" class="visually-hidden">"How Tandem works"</h2>
            <ul class="grid grid--cards" role="list">
                <li class="card feature">
                    <span class="feature__icon" aria-hidden="true">"1"</span>
                    <h3 class="card__title">"Book a time that suits you"</h3>
                    <p>
                        "See each professional's free slots in your own time zone and book one in a few clicks."
                    </p>
                </li>
                <li class="card feature">
                    <span class="feature__icon" aria-hidden="true">"2"</span>
                    <h3 class="card__title">"Verified accounts only"</h3>
                    <p>
                        "Calls open only for people who have confirmed their email address, and only for the two of you."
                    </p>
                </li>
                <li class="card feature">
                    <span class="feature__icon" aria-hidden="true">"3"</span>
                    <h3 class="card__title">"Private one-to-one video"</h3>
                    <p>
                        "Join from your browser with video or audio only. Nothing to install."
                    </p>
                </li>
            </ul>
        </section>
    }
}

/// Signed in: a greeting. Signed out: the way in.
#[component]
fn Welcome() -> impl IntoView {
    let auth = use_auth();
    let signed_in = Memo::new(move |_| auth.signed_in());
    move || match signed_in.get() {
        None => ().into_any(),
        Some(true) => {
            let name = move || auth.user().map(|user| user.full_name).unwrap_or_default();
            view! { <p class="hero__greeting">"Hello, " {name} "."</p> }.into_any()
        }
        Some(false) => view! {
            <div class="cluster hero__actions">
                <A href=routes::REGISTER attr:class="btn btn--primary btn--large">
                    "Create account"
                </A>
                <A href=routes::LOGIN attr:class="btn btn--secondary btn--large">
                    "Sign in"
                </A>
            </div>
        }
        .into_any(),
    }
}

/// A one-line summary of `GET /api/health`.
#[component]
fn ServiceStatus() -> impl IntoView {
    let health = LocalResource::new(api::health);
    view! {
        <p class="status-line" role="status">
            <Transition fallback=|| {
                view! { <StatusText level=StatusLevel::Pending text=CHECKING /> }
            }>
                {move || Suspend::new(async move {
                    let (level, text) = summarize(&health.await);
                    view! { <StatusText level text /> }
                })}
            </Transition>
        </p>
    }
}

/// The status line for an answer already known (`None`: still waiting
/// for it), as the gallery shows it.
#[cfg(debug_assertions)]
#[component]
pub fn KnownServiceStatus(health: Option<Result<Health, ApiError>>) -> impl IntoView {
    let (level, text) = match &health {
        None => (StatusLevel::Pending, CHECKING),
        Some(health) => summarize(health),
    };
    view! {
        <p class="status-line" role="status">
            <StatusText level text />
        </p>
    }
}

/// What the status line says until the service answers.
const CHECKING: &str = "Checking the service…";

#[component]
fn StatusText(level: StatusLevel, text: &'static str) -> impl IntoView {
    view! {
        <span class=format!("status status--{}", level.class_suffix())>
            <span class="status__dot" aria-hidden="true"></span>
            {text}
        </span>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusLevel {
    Pending,
    Ok,
    Warn,
    Error,
}

impl StatusLevel {
    fn class_suffix(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Ok => "ok",
            Self::Warn => "warn",
            Self::Error => "error",
        }
    }
}

/// What the health answer means for someone about to book or join a call.
fn summarize(health: &Result<Health, ApiError>) -> (StatusLevel, &'static str) {
    match health {
        Ok(health) if health.database == ComponentStatus::Down => (
            StatusLevel::Error,
            "Booking is temporarily unavailable. Please try again shortly.",
        ),
        Ok(health) => match health.livekit {
            ComponentStatus::Up => (StatusLevel::Ok, "All systems ready"),
            ComponentStatus::Down => (StatusLevel::Warn, "Video calls are temporarily unavailable"),
            ComponentStatus::Disabled => (
                StatusLevel::Warn,
                "Video calls are not set up on this server yet",
            ),
        },
        Err(_) => (StatusLevel::Error, "We cannot reach the service right now"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_api::health::OverallStatus;

    fn health(database: ComponentStatus, livekit: ComponentStatus) -> Result<Health, ApiError> {
        Ok(Health {
            status: OverallStatus::Ok,
            database,
            livekit,
        })
    }

    #[test]
    fn everything_up_is_ready() {
        assert_eq!(
            summarize(&health(ComponentStatus::Up, ComponentStatus::Up)),
            (StatusLevel::Ok, "All systems ready")
        );
    }

    #[test]
    fn livekit_down_means_no_calls() {
        let (level, text) = summarize(&health(ComponentStatus::Up, ComponentStatus::Down));
        assert_eq!(level, StatusLevel::Warn);
        assert_eq!(text, "Video calls are temporarily unavailable");
    }

    #[test]
    fn database_down_wins() {
        let (level, _) = summarize(&health(ComponentStatus::Down, ComponentStatus::Up));
        assert_eq!(level, StatusLevel::Error);
    }

    #[test]
    fn no_answer_is_an_error() {
        let (level, _) = summarize(&Err(ApiError::Network("Failed to fetch".into())));
        assert_eq!(level, StatusLevel::Error);
    }
}
