//! A moving test pattern drawn in a canvas: colour bars with a band that
//! sweeps across them. It stands in for the other person's video in the
//! gallery. With `prefers-reduced-motion: reduce` (and in the screenshot
//! tests, which ask for it) it holds still on its first frame.

use leptos::html::Canvas;
use leptos::prelude::*;
use leptos_use_interval_fn::use_interval_fn;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 360.0;
/// About 25 frames a second.
const FRAME_MS: u64 = 40;
const BARS: [&str; 7] = [
    "#c0c0c0", "#c0c000", "#00c0c0", "#00c000", "#c000c0", "#c00000", "#0000c0",
];

/// The canvas, with `class` placing it over the video it stands in for.
/// Decorative: the video under it carries the name.
#[component]
pub fn TestPattern(class: &'static str) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let frame = RwSignal::new(0_u32);
    if !prefers_reduced_motion() {
        use_interval_fn(move || frame.update(|f| *f = f.wrapping_add(1)), FRAME_MS);
    }
    Effect::new(move |_| {
        let frame = frame.get();
        if let Some(context) = canvas.get().and_then(|c| context_2d(&c)) {
            draw(&context, frame);
        }
    });
    view! {
        <canvas
            node_ref=canvas
            class=format!("test-pattern {class}")
            width=WIDTH
            height=HEIGHT
            aria-hidden="true"
        ></canvas>
    }
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// One frame: seven bars, a grey band sweeping right, a caption.
fn draw(context: &CanvasRenderingContext2d, frame: u32) {
    let bar = WIDTH / BARS.len() as f64;
    for (i, colour) in BARS.iter().enumerate() {
        context.set_fill_style_str(colour);
        context.fill_rect(i as f64 * bar, 0.0, bar + 1.0, HEIGHT * 0.75);
    }
    context.set_fill_style_str("#1f2933");
    context.fill_rect(0.0, HEIGHT * 0.75, WIDTH, HEIGHT * 0.25);
    let band = 48.0;
    let x = f64::from(frame % 160) / 160.0 * (WIDTH + band) - band;
    context.set_fill_style_str("rgba(255, 255, 255, 0.55)");
    context.fill_rect(x, 0.0, band, HEIGHT * 0.75);
    context.set_fill_style_str("#ffffff");
    context.set_font("600 28px \"Liberation Sans\", Arial, sans-serif");
    let _ = context.fill_text("Test pattern", 24.0, HEIGHT - 30.0);
}
