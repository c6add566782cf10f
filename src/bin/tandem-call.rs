//! The call app: the call page on its own, for `/call/:booking_id` (built
//! from `call.html`), so that the booking pages do not download it.

fn main() {
    tandem_web::start::run(tandem_web::call_app::CallApp);
}
