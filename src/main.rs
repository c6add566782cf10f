fn main() {
    console_error_panic_hook::set_once();
    let level = if cfg!(debug_assertions) {
        log::Level::Debug
    } else {
        log::Level::Warn
    };
    // Logging is a convenience: the app works without it.
    let _ = console_log::init_with_level(level);
    leptos::mount::mount_to_body(tandem_web::App);
}
