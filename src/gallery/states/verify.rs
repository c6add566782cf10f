//! The verify page: sending the link (sent, sent again, too soon, failed),
//! already verified, and the emailed link confirming, accepted (signed in
//! or out) and refused.

use leptos::prelude::*;
use tandem_api::auth::User;
use tandem_api::ErrorCode;

use crate::api::ApiError;
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::pages::verify::{
    send_error_message, ConfirmLinkView, SendLinkView, Verified, VerifyLayout,
};

const PAGE: &str = "verify";
const TITLE: &str = "Verify page";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state("send-link", "Not verified: send the link", || {
            send_link(Sent::No, false, None)
        }),
        state("sending", "Sending the link", || {
            send_link(Sent::No, true, None)
        }),
        state("link-sent", "Link sent (at sign-up)", || {
            send_link(Sent::First, false, None)
        }),
        state("link-sent-again", "Another link sent", || {
            send_link(Sent::Again, false, None)
        }),
        state("too-soon", "Asked again too soon", || {
            send_link(Sent::First, false, Some(fixtures::rate_limited(42)))
        }),
        state("sending-failed", "The email could not be sent", || {
            let failed = fixtures::refusal(
                503,
                ErrorCode::ServiceUnavailable,
                "We could not send the email, please try again.",
            );
            send_link(Sent::No, false, Some(failed))
        }),
        state("verified", "Already verified", || {
            show_as(Some(fixtures::ada()));
            view! {
                <VerifyLayout>
                    <Verified />
                </VerifyLayout>
            }
            .into_any()
        }),
        state("confirming", "The link opened: confirming", || {
            confirm_link(None, true, Ok(()))
        }),
        state("link-accepted", "The link worked, signed in", || {
            confirm_link(Some(fixtures::ada()), false, Ok(()))
        }),
        state(
            "link-accepted-signed-out",
            "The link worked, signed out",
            || confirm_link(None, false, Ok(())),
        ),
        state("link-refused", "The link was used or expired", || {
            confirm_link(None, false, Err(fixtures::link_refused("verification")))
        }),
        state(
            "link-refused-verified",
            "An old link, the account already verified",
            || {
                confirm_link(
                    Some(fixtures::ada()),
                    false,
                    Err(fixtures::link_refused("verification")),
                )
            },
        ),
        state("link-failed", "The server could not be reached", || {
            confirm_link(None, false, Err(fixtures::unreachable()))
        }),
    ]
}

/// Whether a link was sent from this browser, and whether it replaced one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sent {
    No,
    First,
    Again,
}

/// The unverified person's page, with the button.
fn send_link(sent: Sent, pending: bool, error: Option<ApiError>) -> AnyView {
    let sam = fixtures::sam();
    show_as(Some(sam.clone()));
    let sent_to = (sent != Sent::No).then(|| sam.email.clone());
    let error = error.as_ref().map(send_error_message);
    view! {
        <VerifyLayout>
            <SendLinkView
                email=Signal::stored(sam.email)
                sent_to=Signal::stored(sent_to)
                resent=Signal::stored(sent == Sent::Again)
                pending=Signal::stored(pending)
                error=Signal::stored(error)
                on_send=Callback::new(|_| {})
            />
        </VerifyLayout>
    }
    .into_any()
}

/// The emailed link's page, for `me` (or signed out).
fn confirm_link(me: Option<User>, pending: bool, outcome: Result<(), ApiError>) -> AnyView {
    show_as(me);
    let verified = !pending && outcome.is_ok();
    let failure = if pending { None } else { outcome.err() };
    view! {
        <VerifyLayout>
            <ConfirmLinkView
                pending=Signal::stored(pending)
                verified=Signal::stored(verified)
                failure=Signal::stored(failure)
                retry=Callback::new(|_| {})
            />
        </VerifyLayout>
    }
    .into_any()
}
