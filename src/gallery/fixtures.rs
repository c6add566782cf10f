//! The gallery's made-up data, built from the same `tandem_api` types the
//! API sends, so that every page shows it exactly as it would show the
//! server's answers.
//!
//! Times are relative to the browser's clock ([`now`]); the screenshot
//! tests fix that clock, so every picture shows the same times.

use chrono::{DateTime, Duration, DurationRound, Local, NaiveDate, TimeZone, Utc};
use tandem_api::account::Account;
use tandem_api::auth::{Role, User};
use tandem_api::bookings::{Booking, BookingStatus, Participant};
use tandem_api::calls::{CallCredentials, RoomParticipant, RoomStatus};
use tandem_api::health::{ComponentStatus, Health, OverallStatus};
use tandem_api::slots::Slot;
use tandem_api::{BookingId, ErrorBody, ErrorCode, FieldError, SlotId, UserId};

use crate::api::ApiError;
use crate::livekit::events::CallEvent;
use crate::livekit::Device;

pub mod profiles;
pub use profiles::{directory, directory_long_names};

/// A name of 60 characters, the longest the directory has to fit.
pub const LONG_NAME: &str = "Dra. Maximiliane Konstantinopoulou-Fairweather von Hohenberg";

/// The current time to the minute.
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(Duration::minutes(1)).unwrap_or(now)
}

/// The viewer's local date.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `day` at `hour`:`minute` in the viewer's time zone.
pub fn local_time(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour, minute, 0)
        .and_then(|t| Local.from_local_datetime(&t).earliest())
        .map_or_else(now, |t| t.with_timezone(&Utc))
}

fn user(id: i64, email: &str, full_name: &str, role: Role, verified: bool) -> User {
    User {
        id: UserId(id),
        email: email.to_owned(),
        full_name: full_name.to_owned(),
        role,
        verified,
    }
}

/// A verified client.
pub fn ada() -> User {
    user(1, "ada@example.com", "Ada Lovelace", Role::Client, true)
}

/// A client who has not verified their email address yet.
pub fn sam() -> User {
    user(2, "sam@example.com", "Sam Carter", Role::Client, false)
}

/// A verified professional.
pub fn maya() -> User {
    user(
        3,
        "maya.okafor@example.com",
        "Dr. Maya Okafor",
        Role::Professional,
        true,
    )
}

/// `user`'s account as the account page loads it, with `time_zone` saved.
pub fn account(user: &User, time_zone: Option<&str>) -> Account {
    Account {
        id: user.id,
        email: user.email.clone(),
        full_name: user.full_name.clone(),
        role: user.role,
        verified: user.verified,
        time_zone: time_zone.map(str::to_owned),
        reminders: true,
    }
}

/// What `GET /api/health` answers with the database and LiveKit so.
pub fn health(database: ComponentStatus, livekit: ComponentStatus) -> Health {
    let status = if database == ComponentStatus::Down {
        OverallStatus::Degraded
    } else {
        OverallStatus::Ok
    };
    Health {
        status,
        database,
        livekit,
    }
}

fn participant(user: &User) -> Participant {
    Participant {
        id: user.id,
        full_name: user.full_name.clone(),
        role: user.role,
    }
}

/// The day the professional's page shows: tomorrow.
pub fn booking_day() -> NaiveDate {
    today() + Duration::days(1)
}

/// Maya's times on [`booking_day`], 09:00 to 17:00; `booked` says which
/// hours are taken.
pub fn day_of_slots(booked: impl Fn(u32) -> bool) -> Vec<Slot> {
    let day = booking_day();
    (9..17)
        .map(|hour| Slot {
            id: SlotId(i64::from(hour)),
            professional_id: maya().id,
            start_time: local_time(day, hour, 0),
            end_time: local_time(day, hour, 50),
            price_cents: if hour < 12 { 9_000 } else { 12_500 },
            is_booked: booked(hour),
        })
        .collect()
}

/// Maya's own upcoming slots, for her availability page.
pub fn own_slots() -> Vec<Slot> {
    let mut slots = day_of_slots(|hour| hour == 10 || hour == 14);
    slots.truncate(5);
    slots
}

/// A session of Ada with Maya from `start` for 50 minutes.
pub fn booking(id: i64, start: DateTime<Utc>, status: BookingStatus) -> Booking {
    Booking {
        id: BookingId(id),
        slot_id: SlotId(100 + id),
        start_time: start,
        end_time: start + Duration::minutes(50),
        price_cents: 9_000,
        status,
        notes: None,
        cancellation_reason: None,
        cancelled_by: None,
        client_change_deadline: start - Duration::hours(24),
        revision: 0,
        client: participant(&ada()),
        professional: participant(&maya()),
    }
}

/// The session whose call the call page shows: started five minutes ago.
pub fn booking_in_progress() -> Booking {
    booking(41, now() - Duration::minutes(5), BookingStatus::Active)
}

/// Ada's upcoming sessions: one in progress, one later, one in a week
/// with notes, and one cancelled.
pub fn upcoming_sessions() -> Vec<Booking> {
    let later = booking(
        42,
        now() + Duration::hours(3) + Duration::minutes(10),
        BookingStatus::Active,
    );
    let mut next_week = booking(
        43,
        local_time(today() + Duration::days(7), 15, 0),
        BookingStatus::Active,
    );
    next_week.notes = Some(
        "I would like to talk about sleeping better before exams, and what to do when I wake up at night."
            .to_owned(),
    );
    let mut cancelled = booking(
        44,
        local_time(today() + Duration::days(2), 11, 0),
        BookingStatus::Cancelled,
    );
    cancelled.cancellation_reason = Some(tandem_api::account::CANCELLED_ACCOUNT_DELETED.to_owned());
    vec![booking_in_progress(), later, cancelled, next_week]
}

/// Ada's past sessions.
pub fn past_sessions() -> Vec<Booking> {
    let mut last_week = booking(
        31,
        local_time(today() - Duration::days(7), 10, 0),
        BookingStatus::Active,
    );
    last_week.notes = Some("First session.".to_owned());
    let mut cancelled = booking(
        30,
        local_time(today() - Duration::days(12), 16, 0),
        BookingStatus::Cancelled,
    );
    cancelled.cancelled_by = Some(ada().id);
    vec![last_week, cancelled]
}

/// The same sessions with another client.
pub fn with_client(bookings: Vec<Booking>, client: &User) -> Vec<Booking> {
    bookings
        .into_iter()
        .map(|booking| Booking {
            client: participant(client),
            ..booking
        })
        .collect()
}

/// What `POST …/call` answers for [`booking_in_progress`].
pub fn call_credentials() -> CallCredentials {
    CallCredentials {
        livekit_url: "ws://127.0.0.1:7880".to_owned(),
        token: "gallery-token".to_owned(),
        room_name: "booking-41".to_owned(),
        identity: ada().id.to_string(),
        role: Role::Client,
        expires_at: now() + Duration::minutes(10),
        setup_check_token: "gallery-setup-check-token".to_owned(),
    }
}

/// A chat message from Maya in the call.
pub fn chat_message(text: &str) -> CallEvent {
    CallEvent::DataReceived {
        identity: Some(maya().id.to_string()),
        topic: Some(crate::call::chat::CHAT_TOPIC.to_owned()),
        text: text.to_owned(),
    }
}

/// The booking's room, with or without Maya in it.
pub fn room(maya_is_here: bool) -> RoomStatus {
    let maya = maya();
    RoomStatus {
        active: maya_is_here,
        participants: maya_is_here
            .then(|| RoomParticipant {
                identity: maya.id.to_string(),
                name: maya.full_name,
                role: Role::Professional,
            })
            .into_iter()
            .collect(),
        running_late: vec![],
    }
}

/// The cameras or microphones a browser lists.
pub fn devices(kind: &str) -> Vec<Device> {
    ["Built-in", "USB"]
        .into_iter()
        .map(|name| Device {
            device_id: format!("{kind}-{name}"),
            label: format!("{name} {kind}"),
        })
        .collect()
}

/// An answer of the API with its documented error body.
pub fn refusal(status: u16, code: ErrorCode, message: &str) -> ApiError {
    ApiError::Server {
        status,
        body: ErrorBody::new(code, message),
    }
}

/// The sign-in form's wrong email or password (the server's words).
pub fn wrong_password() -> ApiError {
    refusal(
        401,
        ErrorCode::InvalidCredentials,
        "The email or the password is not right.",
    )
}

/// Too many attempts, with a wait of `seconds`.
pub fn rate_limited(seconds: u64) -> ApiError {
    let mut body = ErrorBody::new(ErrorCode::RateLimited, "Too many requests.");
    body.error.retry_after_seconds = Some(seconds);
    ApiError::Server { status: 429, body }
}

/// Registration with an address that already has an account.
pub fn email_taken() -> ApiError {
    refusal(
        409,
        ErrorCode::EmailTaken,
        "An account with this email already exists. Sign in instead.",
    )
}

/// A refused field, as the server says it.
pub fn field_refused(field: &str, message: &str) -> ApiError {
    let mut body = ErrorBody::new(ErrorCode::ValidationFailed, "Some fields need attention.");
    body.error.fields = vec![FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }];
    ApiError::Server { status: 422, body }
}

/// A link whose token was already used, has expired or is cut short, as
/// the server words it for `what` ("verification", "password reset").
pub fn link_refused(what: &str) -> ApiError {
    refusal(
        400,
        ErrorCode::InvalidToken,
        &format!("This {what} link is not valid: it was already used, has expired, or is incomplete. Ask for a new one."),
    )
}

/// A new password zxcvbn finds easy to guess, refused under `field`.
pub fn password_too_weak(field: &str) -> ApiError {
    field_refused(
        field,
        "This password is easy to guess: This is similar to a commonly used password. Add another word or two. Uncommon words are better.",
    )
}

/// The request never reached the server.
pub fn unreachable() -> ApiError {
    ApiError::Network("Failed to fetch".to_owned())
}

/// What `trunk serve` says with no API server behind it.
pub fn no_api_server() -> ApiError {
    ApiError::NoApiServer(500)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_long_name_is_sixty_characters() {
        assert_eq!(LONG_NAME.chars().count(), 60);
    }

    #[test]
    fn the_call_is_in_progress() {
        let booking = booking_in_progress();
        let now = now();
        assert!(booking.start_time < now && now < booking.end_time);
    }
}
