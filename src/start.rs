//! What both WebAssembly binaries do first: the panic hook, logging, and
//! noting the address the browser loaded (see [`pages::load_from_server`]),
//! then mounting their app on `<body>`.
//!
//! [`pages::load_from_server`]: crate::pages::load_from_server

use std::cell::RefCell;

use leptos::prelude::*;

thread_local! {
    static LOADED_PATH: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Starts the app `app` in this page.
pub fn run<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    console_error_panic_hook::set_once();
    let level = if cfg!(debug_assertions) {
        log::Level::Debug
    } else {
        log::Level::Warn
    };
    // Logging is a convenience: the app works without it.
    let _ = console_log::init_with_level(level);
    let path = window().location().pathname().ok();
    LOADED_PATH.with(|loaded| *loaded.borrow_mut() = path);
    leptos::mount::mount_to_body(app);
}

/// The path of the address this page was loaded from (not where the
/// router has gone since); `None` before [`run`].
pub fn loaded_path() -> Option<String> {
    LOADED_PATH.with(|loaded| loaded.borrow().clone())
}
