//! `/gallery/<page>/<state>`: one state in a frame of the chosen width
//! (phone, tablet, desktop), with the way to the states before and after.
//! The width is in the address (`?width=phone`), so a link keeps it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::catalog::{self, GalleryState};
use super::{FRAME_PARAM, WIDTH_PARAM};
use crate::components::layout::set_page_title;
use crate::{api, routes};

/// The widths a state can be framed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Phone,
    Tablet,
    Desktop,
}

impl Width {
    pub const ALL: [Width; 3] = [Width::Phone, Width::Tablet, Width::Desktop];

    /// Its name in the address.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Tablet => "tablet",
            Self::Desktop => "desktop",
        }
    }

    pub fn from_param(value: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|w| Some(w.as_str()) == value)
            .unwrap_or(Self::Desktop)
    }

    /// CSS pixels.
    pub fn pixels(self) -> u32 {
        match self {
            Self::Phone => 390,
            Self::Tablet => 768,
            Self::Desktop => 1280,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Phone => "Phone",
            Self::Tablet => "Tablet",
            Self::Desktop => "Desktop",
        }
    }
}

#[component]
pub fn GalleryViewer(state: GalleryState) -> impl IntoView {
    set_page_title(Some(&format!("{} · Gallery", state.full_title())));
    let query = use_query_map();
    let navigate = use_navigate();
    let width =
        Memo::new(move |_| Width::from_param(query.with(|q| q.get(WIDTH_PARAM)).as_deref()));
    let path = state.path();
    let choose = {
        let path = path.clone();
        move |chosen: Width| {
            let to = api::with_query(&path, &[(WIDTH_PARAM, chosen.as_str())]);
            navigate(
                &to,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    };
    let frame_src = format!("{path}?{FRAME_PARAM}");
    let (before, after) = neighbours(&state);
    let with_width = move |target: &GalleryState| {
        api::with_query(&target.path(), &[(WIDTH_PARAM, width.get().as_str())])
    };
    let frame_title = state.full_title();

    view! {
        <div class="gallery gallery--viewer">
            <header class="gallery__bar">
                <div>
                    <p class="eyebrow">
                        <A href=routes::GALLERY>"Gallery"</A>
                        " · "
                        {state.page_title}
                    </p>
                    <h1 class="gallery__title">{state.title}</h1>
                </div>
                <fieldset class="gallery__widths">
                    <legend>"Width"</legend>
                    {Width::ALL
                        .into_iter()
                        .map(|option| {
                            let choose = choose.clone();
                            view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name="gallery-width"
                                        value=option.as_str()
                                        prop:checked=move || width.get() == option
                                        on:change=move |_| choose(option)
                                    />
                                    {format!("{} ({} px)", option.label(), option.pixels())}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <nav class="gallery__nav" aria-label="Other states">
                    {before
                        .map(|s| {
                            let href = move || with_width(&s);
                            view! { <A href=href>{format!("← {}", s.title)}</A> }
                        })}
                    <a href=frame_src.clone() target="_blank" rel="noopener">
                        "Open alone"
                    </a>
                    {after
                        .map(|s| {
                            let href = move || with_width(&s);
                            view! { <A href=href>{format!("{} →", s.title)}</A> }
                        })}
                </nav>
            </header>
            <div class="gallery__stage">
                <iframe
                    class="gallery__frame"
                    src=frame_src
                    title=frame_title
                    style:width=move || format!("{}px", width.get().pixels())
                ></iframe>
            </div>
        </div>
    }
}

/// The states just before and after `state` in the gallery's order.
fn neighbours(state: &GalleryState) -> (Option<GalleryState>, Option<GalleryState>) {
    let all = catalog::all();
    let key = state.key();
    let Some(at) = all.iter().position(|s| s.key() == key) else {
        return (None, None);
    };
    let before = at.checked_sub(1).and_then(|i| all.get(i)).copied();
    (before, all.get(at + 1).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_address_and_default_to_desktop() {
        assert_eq!(Width::from_param(Some("phone")), Width::Phone);
        assert_eq!(Width::from_param(Some("tablet")).pixels(), 768);
        assert_eq!(Width::from_param(Some("watch")), Width::Desktop);
        assert_eq!(Width::from_param(None).pixels(), 1280);
    }
}
