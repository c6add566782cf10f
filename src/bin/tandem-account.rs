//! The account app: `/account`, `/profile` and `/availability` on their
//! own (built from `account.html`), so that the booking pages do not
//! download them.

fn main() {
    tandem_web::start::run(tandem_web::account_app::AccountApp);
}
