//! The booking app: every page but the call's (see `src/bin/tandem-call.rs`).
//! Dev builds hold the call page too, so that `trunk serve` previews it.

fn main() {
    tandem_web::start::run(tandem_web::App);
}
