//! Messages about sessions: booked, cancelled, rescheduled, and the
//! reminders 24 hours and 1 hour before. Each is queued for both people
//! in the transaction of the change it tells about (the caller's), with
//! an iCalendar invitation, and delivered by the mail worker.
//!
//! Every message has a key of booking, kind, revision and recipient, so
//! the same change can never be told twice.

pub mod compose;
pub mod ics;
pub mod reminders;
pub mod repo;

use crate::bookings;
use crate::bookings::repo::Inserted;
use crate::config::Config;
use crate::mail::queue::{self, NewMail};
use chrono::{DateTime, Utc};
use compose::{Composed, Notice};
use ics::{Links, Method};
use repo::{Recipient, ReminderKind};
use sqlx::AnyConnection;
use tandem_api::bookings::Booking;
use tandem_api::paths;
use tandem_api::BookingId;

/// The links of mails and calendars, from the configuration.
pub fn links(config: &Config) -> Links {
    Links {
        public_url: config.public_url.clone(),
        organizer: config.mail.from.email.to_string(),
    }
}

/// Queues "booked" for both people of a new booking, as the transaction
/// that inserted it read it back ([`bookings::repo::insert_returning`]).
pub async fn booked(
    db: &mut AnyConnection,
    links: &Links,
    booked: &Inserted,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    booked_all(db, links, &[booked], now).await
}

/// [`booked`] for several new bookings of one transaction, queued in one
/// statement ([`bookings::group_commit`]).
pub async fn booked_all(
    db: &mut AnyConnection,
    links: &Links,
    booked: &[&Inserted],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut mails = Vec::with_capacity(2 * booked.len());
    for one in booked {
        let told = Told {
            kind: "booked",
            method: Method::Request,
            notice: Notice::Booked,
            except: None,
        };
        let people = (one.client.clone(), one.professional.clone());
        mails.extend(mails_of(links, &one.booking, people, told, now));
    }
    queue::enqueue_all(&mut *db, &mails, now).await?;
    Ok(())
}

/// Queues "cancelled" for both people, saying by whom and why.
pub async fn cancelled(
    db: &mut AnyConnection,
    links: &Links,
    id: BookingId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let booking = read(db, id).await?;
    let by = match booking.cancelled_by {
        Some(by) if by == booking.client.id => Some(booking.client.full_name.clone()),
        Some(by) if by == booking.professional.id => Some(booking.professional.full_name.clone()),
        _ => None,
    };
    let reason = booking.cancellation_reason.clone();
    let notice = Notice::Cancelled {
        by: by.as_deref(),
        reason: reason.as_deref(),
    };
    let told = Told {
        kind: "cancelled",
        method: Method::Cancel,
        notice,
        except: None,
    };
    tell_both(db, links, &booking, told, now).await
}

/// Queues "cancelled" for the person other than `gone`, whose account is
/// being deleted (its address is not told anything more).
pub async fn cancelled_without(
    db: &mut AnyConnection,
    links: &Links,
    id: BookingId,
    gone: tandem_api::UserId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let booking = read(db, id).await?;
    let reason = booking.cancellation_reason.clone();
    let notice = Notice::Cancelled {
        by: None,
        reason: reason.as_deref(),
    };
    let told = Told {
        kind: "cancelled",
        method: Method::Cancel,
        notice,
        except: Some(gone),
    };
    tell_both(db, links, &booking, told, now).await
}

/// Queues "rescheduled" for both people, with the old time.
pub async fn rescheduled(
    db: &mut AnyConnection,
    links: &Links,
    id: BookingId,
    from: (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let booking = read(db, id).await?;
    let notice = Notice::Rescheduled {
        from_start: from.0,
        from_end: from.1,
    };
    let told = Told {
        kind: "rescheduled",
        method: Method::Request,
        notice,
        except: None,
    };
    tell_both(db, links, &booking, told, now).await
}

/// Queues the `kind` reminder for whichever of the two people wants
/// reminders and has not been sent this one yet; how many were queued.
pub async fn reminder(
    db: &mut AnyConnection,
    links: &Links,
    id: BookingId,
    kind: ReminderKind,
    now: DateTime<Utc>,
) -> Result<usize, sqlx::Error> {
    let booking = read(db, id).await?;
    let (client, professional) = people(db, &booking).await?;
    let emails = (client.email.clone(), professional.email.clone());
    let mut queued = 0;
    for to in [client, professional] {
        if !to.wants_reminders() {
            continue;
        }
        let key = key(&booking, kind.key(), &to);
        if queue::exists(&mut *db, &key).await? {
            continue;
        }
        let token = repo::new_unsubscribe_token(&mut *db, tandem_api::UserId(to.id), now).await?;
        let mut unsubscribe = links.public_url.clone();
        unsubscribe.set_path(paths::REMINDERS_UNSUBSCRIBE);
        unsubscribe.set_query(Some(&format!("token={token}")));
        let composed = compose::compose(Notice::Reminder(kind), &booking, &to, links);
        let mut mail = new_mail(
            key,
            &to,
            composed,
            &booking,
            Method::Request,
            links,
            &emails,
            now,
        );
        mail.unsubscribe_url = Some(unsubscribe.to_string());
        if queue::enqueue(&mut *db, &mail, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

async fn read(db: &mut AnyConnection, id: BookingId) -> Result<Booking, sqlx::Error> {
    bookings::repo::by_id(&mut *db, id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

async fn people(
    db: &mut AnyConnection,
    booking: &Booking,
) -> Result<(Recipient, Recipient), sqlx::Error> {
    match repo::recipient_pair(&mut *db, booking.client.id, booking.professional.id).await? {
        (Some(client), Some(professional)) => Ok((client, professional)),
        _ => Err(sqlx::Error::RowNotFound),
    }
}

/// One change to tell the booking's people about.
struct Told<'a> {
    /// In the messages' keys: `booked`, `cancelled`, `rescheduled`.
    kind: &'static str,
    method: Method,
    notice: Notice<'a>,
    /// Someone not to tell (an account being deleted).
    except: Option<tandem_api::UserId>,
}

async fn tell_both(
    db: &mut AnyConnection,
    links: &Links,
    booking: &Booking,
    told: Told<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let people = people(db, booking).await?;
    tell(db, links, booking, people, told, now).await
}

/// Queues the messages of `told` for the booking's two `people` (client,
/// professional).
async fn tell(
    db: &mut AnyConnection,
    links: &Links,
    booking: &Booking,
    people: (Recipient, Recipient),
    told: Told<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mails = mails_of(links, booking, people, told, now);
    queue::enqueue_all(&mut *db, &mails, now).await?;
    Ok(())
}

/// The messages of `told` for the booking's two `people` (client,
/// professional), composed.
fn mails_of(
    links: &Links,
    booking: &Booking,
    (client, professional): (Recipient, Recipient),
    told: Told<'_>,
    now: DateTime<Utc>,
) -> Vec<NewMail> {
    let emails = (client.email.clone(), professional.email.clone());
    let mut mails = Vec::with_capacity(2);
    for to in [client, professional] {
        if !to.can_receive() || told.except.is_some_and(|except| except.0 == to.id) {
            continue;
        }
        let composed = compose::compose(told.notice, booking, &to, links);
        let key = key(booking, told.kind, &to);
        mails.push(new_mail(
            key,
            &to,
            composed,
            booking,
            told.method,
            links,
            &emails,
            now,
        ));
    }
    mails
}

/// `booking-42:rescheduled:r2:u7`.
fn key(booking: &Booking, kind: &str, to: &Recipient) -> String {
    format!(
        "booking-{}:{kind}:r{}:u{}",
        booking.id.0, booking.revision, to.id
    )
}

#[allow(clippy::too_many_arguments)]
fn new_mail(
    dedupe_key: String,
    to: &Recipient,
    composed: Composed,
    booking: &Booking,
    method: Method,
    links: &Links,
    emails: &(String, String),
    now: DateTime<Utc>,
) -> NewMail {
    NewMail {
        dedupe_key,
        recipient: to.email.clone(),
        subject: composed.subject,
        text: composed.text,
        html: Some(composed.html),
        calendar: Some(ics::booking_calendar(
            booking,
            method,
            links,
            Some((&emails.0, &emails.1)),
            now,
        )),
        unsubscribe_url: None,
    }
}
