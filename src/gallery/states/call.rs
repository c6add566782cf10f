//! The call page in every stage: before joining, connecting, in the call
//! (the other person's video is a moving test pattern), reconnecting, audio
//! only, after leaving, and each problem that can keep someone out.
//!
//! Each state is the page's own [`CallController`] with its signals set as
//! the real call would set them; nothing connects to LiveKit.

use chrono::Duration;
use leptos::prelude::*;
use tandem_api::auth::Role;
use tandem_api::bookings::{Booking, BookingStatus};
use tandem_api::calls::RunningLate;
use tandem_api::ErrorCode;

use crate::api::ApiError;
use crate::call::problem::{CallProblem, Devices};
use crate::call::setup_test::{
    CheckOutcome, ConnectionReport, ConnectionTest, MediaOutcome, SpeakerTest,
};
use crate::call::state::{CallState, Connection, Remote, RemoteTrack};
use crate::components::call::setup_panel::SetupChecks;
use crate::components::call::stand_in::provide_video_stand_in;
use crate::components::call::{CallController, Credentials, Mode, PreviewState, Stage};
use crate::gallery::catalog::GalleryState;
use crate::gallery::fixtures;
use crate::gallery::frame::show_as;
use crate::livekit::events::{ConnectionQuality, DisconnectReason};
use crate::pages::call::CallView;

const PAGE: &str = "call";
const TITLE: &str = "Call page";

pub fn states() -> Vec<GalleryState> {
    let state = GalleryState::of_page(PAGE, TITLE);
    vec![
        state(
            "pre-join",
            "Before joining, the other person is here",
            || {
                call(|c| {
                    camera_preview(c);
                    c.room_status.set(Some(fixtures::room(true)));
                })
            },
        ),
        state(
            "pre-join-waiting",
            "Before joining, nobody there yet",
            || {
                call(|c| {
                    camera_preview(c);
                    c.room_status.set(Some(fixtures::room(false)));
                })
            },
        ),
        state(
            "pre-join-running-late",
            "Before joining, the other person is running late",
            || {
                call(|c| {
                    camera_preview(c);
                    let mut room = fixtures::room(false);
                    room.running_late.push(RunningLate {
                        role: Role::Professional,
                        since: fixtures::now() - Duration::minutes(2),
                    });
                    c.room_status.set(Some(room));
                })
            },
        ),
        state(
            "getting-ready",
            "Before joining, getting the call ready",
            || call(|c| c.credentials.state.set(Credentials::Loading)),
        ),
        state("pre-join-audio-only", "Before joining, audio only", || {
            call(|c| {
                c.media.mode.set(Mode::AudioOnly);
                c.media.preview_state.set(PreviewState::Live {
                    run: 1,
                    video: false,
                });
                c.room_status.set(Some(fixtures::room(true)));
            })
        }),
        state(
            "setup-test-passed",
            "Test your setup: every check passed",
            || {
                call(|c| {
                    camera_preview(c);
                    c.room_status.set(Some(fixtures::room(true)));
                    setup_checks(
                        SpeakerTest::Heard,
                        0.4,
                        setup_report(true, Some((true, Some("udp")))),
                    );
                })
            },
        ),
        state(
            "setup-test-failed",
            "Test your setup: no sound heard, the video service unreachable",
            || {
                call(|c| {
                    camera_preview(c);
                    c.room_status.set(Some(fixtures::room(true)));
                    setup_checks(SpeakerTest::NotHeard, 0.0, setup_report(false, None));
                })
            },
        ),
        state(
            "setup-test-no-udp",
            "Test your setup: media only over TCP",
            || {
                call(|c| {
                    camera_preview(c);
                    c.room_status.set(Some(fixtures::room(true)));
                    setup_checks(
                        SpeakerTest::Asking,
                        0.3,
                        setup_report(true, Some((true, Some("tcp")))),
                    );
                })
            },
        ),
        state("connecting", "Connecting", || in_call(|_| {})),
        state(
            "waiting",
            "In the call, waiting for the other person",
            || in_call(|s| s.connection = Connection::Connected),
        ),
        state("connected", "Connected", || {
            in_call(|s| {
                s.connection = Connection::Connected;
                s.remote = Some(maya(false, false));
            })
        }),
        state("reconnecting", "Reconnecting", || {
            in_call(|s| {
                s.connection = Connection::Reconnecting;
                s.remote = Some(maya(false, false));
            })
        }),
        state(
            "other-camera-off",
            "The other person's camera and microphone off",
            || {
                in_call(|s| {
                    s.connection = Connection::Connected;
                    s.remote = Some(maya(true, true));
                })
            },
        ),
        state("audio-only", "In the call, audio only", || {
            in_call(|s| {
                s.connection = Connection::Connected;
                s.camera_on = false;
                s.remote = Some(maya(false, false));
            })
        }),
        state("audio-blocked", "The browser paused the sound", || {
            in_call(|s| {
                s.connection = Connection::Connected;
                s.remote = Some(maya(false, false));
                s.audio_blocked = true;
            })
        }),
        state("other-left", "The other person left", || {
            in_call(|s| {
                s.connection = Connection::Connected;
                s.remote_left = true;
            })
        }),
        state("chat", "In the call, chatting", || {
            in_call_with(fixtures::booking_in_progress(), connected, |c| {
                c.room.chat.update(|chat| {
                    let _ = chat.apply(&fixtures::chat_message("Running two minutes late, sorry!"));
                    chat.sent("No problem, see you soon.".to_owned());
                    let _ = chat.apply(&fixtures::chat_message("<b>Markup</b> stays text"));
                    chat.set_open(true);
                });
            })
        }),
        state("chat-unread", "In the call, a chat message unread", || {
            in_call_with(fixtures::booking_in_progress(), connected, |c| {
                c.room.chat.update(|chat| {
                    let _ = chat.apply(&fixtures::chat_message("Can you hear me?"));
                });
            })
        }),
        state(
            "chat-waiting",
            "In the call, a chat message waiting for the other person",
            || {
                in_call_with(
                    fixtures::booking_in_progress(),
                    |s| s.connection = Connection::Connected,
                    |c| {
                        c.room.chat.update(|chat| {
                            chat.queued("I am in the room, no rush.".to_owned());
                            chat.set_open(true);
                        });
                    },
                )
            },
        ),
        state(
            "ending-soon",
            "In the call, five minutes before the end",
            || {
                let mut booking = fixtures::booking_in_progress();
                booking.end_time = fixtures::now() + Duration::minutes(3);
                in_call_with(booking, connected, |_| {})
            },
        ),
        state("left", "After leaving", || {
            call(|c| c.stage.set(Stage::Left))
        }),
        state("disconnected", "Disconnected", || {
            call(|c| {
                c.stage.set(Stage::Disconnected(Some(
                    DisconnectReason::ConnectionTimeout,
                )))
            })
        }),
        state("another-tab", "Joined from another tab", || {
            call(|c| {
                c.stage.set(Stage::Disconnected(Some(
                    DisconnectReason::DuplicateIdentity,
                )))
            })
        }),
        state("camera-denied", "Problem: camera not allowed", || {
            device_problem(CallProblem::PermissionDenied {
                devices: Devices::CameraAndMicrophone,
            })
        }),
        state(
            "microphone-denied",
            "Problem: microphone not allowed",
            || {
                call(|c| {
                    c.media.mode.set(Mode::AudioOnly);
                    c.media
                        .device_problem
                        .set(Some(CallProblem::PermissionDenied {
                            devices: Devices::Microphone,
                        }));
                })
            },
        ),
        state("no-camera", "Problem: no camera", || {
            device_problem(CallProblem::NoDevice {
                devices: Devices::CameraAndMicrophone,
            })
        }),
        state("camera-busy", "Problem: camera in use", || {
            device_problem(CallProblem::DeviceInUse {
                devices: Devices::CameraAndMicrophone,
            })
        }),
        state("camera-failed", "Problem: camera failed", || {
            device_problem(CallProblem::DeviceFailed {
                devices: Devices::CameraAndMicrophone,
            })
        }),
        state("rate-limited", "Problem: rate limited", || {
            let mut error = fixtures::rate_limited(25 * 60);
            if let ApiError::Server { body, .. } = &mut error {
                body.error.message = "Too many calls started: try again in 25 minutes.".into();
            }
            refused(error, |_| {})
        }),
        state("token-expired", "Problem: token expired", || {
            join_problem(CallProblem::TokenRejected)
        }),
        state(
            "livekit-unreachable",
            "Problem: LiveKit unreachable",
            || join_problem(CallProblem::LiveKitUnreachable),
        ),
        state("not-verified", "Problem: account not verified", || {
            refused(
                fixtures::refusal(403, ErrorCode::NotVerified, "Verify your account first."),
                |_| {},
            )
        }),
        state("too-early", "Problem: too early", || {
            refused(outside_call_window(), |b| {
                b.start_time = fixtures::now() + Duration::hours(2);
                b.end_time = b.start_time + Duration::minutes(50);
            })
        }),
        state("ended", "Problem: session over", || {
            refused(outside_call_window(), |b| {
                b.start_time = fixtures::now() - Duration::hours(2);
                b.end_time = b.start_time + Duration::minutes(50);
            })
        }),
        state("cancelled", "Problem: session cancelled", || {
            refused(
                fixtures::refusal(409, ErrorCode::Conflict, "This session was cancelled."),
                |b| b.status = BookingStatus::Cancelled,
            )
        }),
        state("not-a-participant", "Problem: not your session", || {
            refused(
                fixtures::refusal(404, ErrorCode::NotFound, "No such session."),
                |_| {},
            )
        }),
        state("calls-unavailable", "Problem: calls unavailable", || {
            refused(
                fixtures::refusal(
                    503,
                    ErrorCode::CallsUnavailable,
                    "Video calls are not configured.",
                ),
                |_| {},
            )
        }),
        state("offline", "Problem: Tandem unreachable", || {
            refused(ApiError::Network("Failed to fetch".into()), |_| {})
        }),
    ]
}

/// The call page of Ada's session with Maya, in progress, credentials in
/// hand, devices listed; `setup` then sets the state to show.
fn call(setup: impl FnOnce(&CallController)) -> AnyView {
    call_of(fixtures::booking_in_progress(), setup)
}

fn call_of(booking: Booking, setup: impl FnOnce(&CallController)) -> AnyView {
    let ada = fixtures::ada();
    show_as(Some(ada.clone()));
    provide_video_stand_in();
    let controller = CallController::new(booking.id, &ada);
    controller.booking.set(Some(booking));
    controller
        .credentials
        .state
        .set(Credentials::Ready(fixtures::call_credentials()));
    let cameras = fixtures::devices("camera");
    let microphones = fixtures::devices("microphone");
    controller
        .media
        .camera_id
        .set(cameras.first().map(|d| d.device_id.clone()));
    controller
        .media
        .microphone_id
        .set(microphones.first().map(|d| d.device_id.clone()));
    controller.media.cameras.set(cameras);
    controller.media.microphones.set(microphones);
    setup(&controller);
    view! {
        <section class="call-page" aria-labelledby="call-title">
            <CallView controller />
        </section>
    }
    .into_any()
}

/// The camera preview running (its picture is the test pattern).
fn camera_preview(controller: &CallController) {
    controller.media.preview_state.set(PreviewState::Live {
        run: 1,
        video: true,
    });
}

/// In the call with camera and microphone on; `change` says how far it got.
fn in_call(change: impl FnOnce(&mut CallState)) -> AnyView {
    in_call_with(fixtures::booking_in_progress(), change, |_| {})
}

/// In the call of `booking`; `setup` then changes the rest of the page.
fn in_call_with(
    booking: Booking,
    change: impl FnOnce(&mut CallState),
    setup: impl FnOnce(&CallController),
) -> AnyView {
    let mut state = CallState::joining(fixtures::ada().id.to_string(), true, true);
    change(&mut state);
    state.was_connected = state.connection != Connection::Connecting;
    if state.was_connected {
        state.quality = Some(ConnectionQuality::Good);
    }
    call_of(booking, move |c| {
        c.room.call.set(state);
        c.stage.set(Stage::InCall);
        setup(c);
    })
}

/// Connected, Maya there with camera and microphone on.
fn connected(state: &mut CallState) {
    state.connection = Connection::Connected;
    state.remote = Some(maya(false, false));
}

/// Maya in the call, her camera and microphone on or muted.
fn maya(camera_muted: bool, microphone_muted: bool) -> Remote {
    Remote {
        identity: fixtures::maya().id.to_string(),
        camera: Some(RemoteTrack {
            muted: camera_muted,
        }),
        microphone: Some(RemoteTrack {
            muted: microphone_muted,
        }),
    }
}

/// A camera or microphone problem before joining.
fn device_problem(problem: CallProblem) -> AnyView {
    call(move |c| c.media.device_problem.set(Some(problem)))
}

/// A failed join (the preview still runs).
fn join_problem(problem: CallProblem) -> AnyView {
    call(move |c| {
        camera_preview(c);
        c.join_problem.set(Some(problem));
    })
}

/// `POST …/call` refused with `error`, for the booking as `change` leaves it.
fn refused(error: ApiError, change: impl FnOnce(&mut Booking)) -> AnyView {
    let mut booking = fixtures::booking_in_progress();
    change(&mut booking);
    call_of(booking, move |c| {
        c.credentials.state.set(Credentials::Failed(error))
    })
}

fn outside_call_window() -> ApiError {
    fixtures::refusal(
        409,
        ErrorCode::OutsideCallWindow,
        "This call is not open now.",
    )
}

/// "Test your setup" open with these results (the camera's is the
/// preview's).
fn setup_checks(speaker: SpeakerTest, loudest: f64, connection: ConnectionTest) {
    let checks = SetupChecks::new();
    checks.open.set(true);
    checks.speaker.set(speaker);
    checks.loudest.set(loudest);
    checks.connection.set(connection);
    provide_context(checks);
}

/// A finished connection check: signalling passed or not, and the media
/// check's result and transport (none when signalling failed).
fn setup_report(signalling: bool, media: Option<(bool, Option<&str>)>) -> ConnectionTest {
    ConnectionTest::Done(ConnectionReport {
        signalling: CheckOutcome { passed: signalling },
        media: media.map(|(passed, protocol)| MediaOutcome {
            passed,
            protocol: protocol.map(str::to_owned),
        }),
    })
}
