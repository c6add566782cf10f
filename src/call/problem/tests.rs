use super::*;
use chrono::{FixedOffset, TimeZone};
use tandem_api::auth::Role;
use tandem_api::bookings::Participant;
use tandem_api::{BookingId, ErrorBody, SlotId, UserId};

fn server(status: u16, code: ErrorCode, retry_after: Option<u64>) -> ApiError {
    let mut body = ErrorBody::new(code, "From the server.");
    body.error.retry_after_seconds = retry_after;
    ApiError::Server { status, body }
}

fn booking() -> Booking {
    let start = Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap();
    let person = |id, name: &str, role| Participant {
        id: UserId(id),
        full_name: name.into(),
        role,
    };
    Booking {
        id: BookingId(5),
        slot_id: SlotId(4),
        start_time: start,
        end_time: start + Duration::minutes(45),
        price_cents: 5000,
        status: BookingStatus::Active,
        notes: None,
        cancellation_reason: None,
        cancelled_by: None,
        client_change_deadline: start,
        revision: 0,
        client: person(1, "Sam Client", Role::Client),
        professional: person(2, "Dr. Maya Okafor", Role::Professional),
    }
}

fn from(error: &ApiError, booking: Option<&Booking>, now: DateTime<Utc>) -> CallProblem {
    let paris = FixedOffset::east_opt(3600).unwrap();
    CallProblem::from_credentials(error, booking, now, &paris).unwrap()
}

#[test]
fn too_early_says_when_the_call_opens_in_local_time() {
    let booking = booking();
    let error = server(409, ErrorCode::OutsideCallWindow, None);
    let problem = from(
        &error,
        Some(&booking),
        booking.start_time - Duration::hours(2),
    );
    assert_eq!(problem.title(), "This call opens at 10:50");
    assert!(problem.actions().retry);

    let ended = from(&error, Some(&booking), booking.end_time);
    assert_eq!(ended, CallProblem::Ended);
    assert!(ended.actions().sessions);

    let unknown = from(&error, None, booking.start_time);
    assert_eq!(unknown.title(), "This call is not open yet");
}

#[test]
fn rate_limits_say_how_many_minutes_to_wait() {
    let now = Utc::now();
    let problem = from(&server(429, ErrorCode::RateLimited, Some(601)), None, now);
    assert_eq!(problem, CallProblem::RateLimited { minutes: Some(11) });
    assert!(problem.message().contains("Try again in 11 minutes."));
    let problem = from(&server(429, ErrorCode::RateLimited, Some(30)), None, now);
    assert!(problem.message().contains("Try again in 1 minute."));
}

#[test]
fn server_refusals_are_classified_by_code() {
    let now = Utc::now();
    for (error, problem) in [
        (
            server(403, ErrorCode::NotVerified, None),
            CallProblem::NotVerified,
        ),
        (
            server(404, ErrorCode::NotFound, None),
            CallProblem::NotFound,
        ),
        (
            server(403, ErrorCode::Forbidden, None),
            CallProblem::NotFound,
        ),
        (
            server(409, ErrorCode::Conflict, None),
            CallProblem::Cancelled,
        ),
        (
            server(503, ErrorCode::CallsUnavailable, None),
            CallProblem::CallsUnavailable,
        ),
        (ApiError::Network("offline".into()), CallProblem::Offline),
    ] {
        assert_eq!(from(&error, None, now), problem, "{error:?}");
    }
    let signed_out = server(401, ErrorCode::Unauthorized, None);
    let utc = Utc;
    assert_eq!(
        CallProblem::from_credentials(&signed_out, None, now, &utc),
        None
    );
}

#[test]
fn a_cancelled_booking_needs_no_request() {
    let mut booking = booking();
    assert_eq!(CallProblem::from_booking(&booking), None);
    booking.status = BookingStatus::Cancelled;
    assert_eq!(
        CallProblem::from_booking(&booking),
        Some(CallProblem::Cancelled)
    );
}

fn livekit(name: &str, reason: Option<&str>, status: Option<u16>) -> LiveKitError {
    LiveKitError {
        name: name.into(),
        message: "x".into(),
        reason: reason.map(str::to_owned),
        status,
    }
}

#[test]
fn connection_failures() {
    assert_eq!(
        CallProblem::from_connect(&livekit("ConnectionError", Some("NotAllowed"), Some(401))),
        CallProblem::TokenRejected
    );
    assert_eq!(
        CallProblem::from_connect(&livekit("ConnectionError", Some("ServerUnreachable"), None)),
        CallProblem::LiveKitUnreachable
    );
}

#[test]
fn a_denied_camera_says_how_to_allow_it_and_offers_a_way_in() {
    let video = Capture {
        audio: true,
        video: true,
        ..Capture::default()
    };
    let problem = CallProblem::from_device(&livekit("NotAllowedError", None, None), &video);
    assert_eq!(
        problem,
        CallProblem::PermissionDenied {
            devices: Devices::CameraAndMicrophone
        }
    );
    assert_eq!(
        problem.message(),
        "Allow camera and microphone in your browser's site settings, then try again."
    );
    assert_eq!(
        problem.actions(),
        Actions {
            retry: true,
            audio_only: true,
            listen_only: true,
            sessions: false
        }
    );

    let audio = Capture {
        audio: true,
        ..Capture::default()
    };
    let problem = CallProblem::from_device(&livekit("NotReadableError", None, None), &audio);
    assert_eq!(problem.title(), "Your microphone is busy");
    assert!(!problem.actions().audio_only);
    assert!(problem.is_device_problem());
}

#[test]
fn a_failure_in_the_call_names_the_device_that_failed() {
    let busy = livekit("NotReadableError", None, None);
    let microphone =
        CallProblem::from_devices(&busy, Devices::of_kind(Some(DeviceKind::AudioInput)));
    assert_eq!(microphone.title(), "Your microphone is busy");
    assert_eq!(
        microphone.message(),
        "Another app or browser tab may be using your microphone. Close it, then try again."
    );
    assert!(!microphone.actions().audio_only);

    let camera = CallProblem::from_devices(&busy, Devices::of_kind(Some(DeviceKind::VideoInput)));
    assert_eq!(camera.title(), "Your camera is busy");
    assert!(camera.actions().audio_only);

    let denied = livekit("NotAllowedError", None, None);
    let microphone = CallProblem::from_devices(&denied, Devices::Microphone);
    assert_eq!(
        microphone.message(),
        "Allow the microphone in your browser's site settings, then try again."
    );
    let unknown = CallProblem::from_devices(&busy, Devices::of_kind(None));
    assert_eq!(unknown.title(), "Your camera or microphone is busy");
}
