//! Answers the page asked for before the app ran.
//!
//! Every page's app starts by asking `GET /api/auth/me` (who is signed
//! in), and draws nothing until it has the answer. The inline script in
//! `index.html` sends that request while the HTML is parsed, next to the
//! wasm's download, and keeps its promise in `window.tandemEarly` under
//! the path. [`take`] hands such a promise over once; the first
//! [`crate::api::get`] of that path uses it instead of asking again, so the
//! answer is there when the app starts rather than one round trip later.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The property of `window` that holds the early requests by path.
const EARLY: &str = "tandemEarly";

/// The answer of the early request for `path`, if the page sent one and it
/// has not been taken yet. `None` also when it failed (the script turns a
/// network error into `null`): the caller then asks again itself.
pub async fn take(path: &str) -> Option<web_sys::Response> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &JsValue::from_str(EARLY)).ok()?;
    if !early.is_object() {
        return None;
    }
    let key = JsValue::from_str(path);
    let promise = js_sys::Reflect::get(&early, &key).ok()?;
    // Once: a later request of the same path must see a later state.
    js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key).ok()?;
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}
