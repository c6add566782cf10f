//! What the messages about sessions read: the two people of a booking
//! with their addresses and time zones, the bookings whose reminders fall
//! due, and the tokens of the reminders' unsubscribe links.

use crate::auth::tokens;
use chrono::{DateTime, Duration, Utc};
use sqlx::{AnyExecutor, FromRow};
use tandem_api::{BookingId, UserId};

/// Someone a message goes to.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub full_name: String,
    /// The account's zone, else (for a professional) the zone of their
    /// weekly hours; `None`: UTC.
    pub time_zone: Option<String>,
    pub reminders: i64,
    /// Deleted accounts get nothing.
    pub deleted: i64,
}

impl Recipient {
    pub fn wants_reminders(&self) -> bool {
        self.reminders != 0 && self.deleted == 0
    }

    pub fn can_receive(&self) -> bool {
        self.deleted == 0
    }
}

/// The account `id` as a recipient, deleted or not.
pub async fn recipient(
    db: impl AnyExecutor<'_>,
    id: UserId,
) -> Result<Option<Recipient>, sqlx::Error> {
    sqlx::query_as::<_, Recipient>(
        "SELECT users.id, users.email, users.full_name,
                COALESCE(users.time_zone, rules.time_zone) AS time_zone, users.reminders,
                CASE WHEN users.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
         FROM users LEFT JOIN availability_rules AS rules ON rules.professional_id = users.id
         WHERE users.id = $1",
    )
    .bind(id.0)
    .fetch_optional(db)
    .await
}

/// The accounts `a` and `b` as recipients, deleted or not, in one query.
pub async fn recipient_pair(
    db: impl AnyExecutor<'_>,
    a: UserId,
    b: UserId,
) -> Result<(Option<Recipient>, Option<Recipient>), sqlx::Error> {
    let found = sqlx::query_as::<_, Recipient>(
        "SELECT users.id, users.email, users.full_name,
                COALESCE(users.time_zone, rules.time_zone) AS time_zone, users.reminders,
                CASE WHEN users.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
         FROM users LEFT JOIN availability_rules AS rules ON rules.professional_id = users.id
         WHERE users.id IN ($1, $2)",
    )
    .bind(a.0)
    .bind(b.0)
    .fetch_all(db)
    .await?;
    let pick = |id: UserId| found.iter().find(|to| to.id == id.0).cloned();
    Ok((pick(a), pick(b)))
}

/// Which reminder: its window opens this long before the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    DayBefore,
    HourBefore,
}

impl ReminderKind {
    pub const ALL: [Self; 2] = [Self::DayBefore, Self::HourBefore];

    pub fn lead(self) -> Duration {
        match self {
            Self::DayBefore => Duration::hours(24),
            Self::HourBefore => Duration::hours(1),
        }
    }

    /// The window closes when the next reminder's opens (or at the start):
    /// a day-before reminder found late is not sent an hour before.
    pub fn window_end(self) -> Duration {
        match self {
            Self::DayBefore => Self::HourBefore.lead(),
            Self::HourBefore => Duration::zero(),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::DayBefore => "reminder-24h",
            Self::HourBefore => "reminder-1h",
        }
    }
}

/// Active bookings whose reminder window (`$1` to `$2` seconds before the
/// start) is open at `$3`, and whose time was set before it opened (a
/// session booked or moved inside it has just been told about).
const DUE: &str = "SELECT bookings.id FROM bookings JOIN slots ON slots.id = bookings.slot_id
    WHERE bookings.status = 'active'
      AND slots.start_time - $1 <= $3 AND slots.start_time - $2 > $3
      AND COALESCE(bookings.scheduled_at, bookings.created_at) <= slots.start_time - $1";

/// The bookings whose `kind` reminder is due at `now`.
pub async fn bookings_due_for(
    db: impl AnyExecutor<'_>,
    kind: ReminderKind,
    now: DateTime<Utc>,
) -> Result<Vec<BookingId>, sqlx::Error> {
    let ids: Vec<i64> =
        sqlx::query_scalar(&format!("{DUE} ORDER BY slots.start_time, bookings.id"))
            .bind(kind.lead().num_seconds())
            .bind(kind.window_end().num_seconds())
            .bind(now.timestamp())
            .fetch_all(db)
            .await?;
    Ok(ids.into_iter().map(BookingId).collect())
}

/// Whether the booking's `kind` reminder is still due at `now`.
pub async fn is_due_for(
    db: impl AnyExecutor<'_>,
    id: BookingId,
    kind: ReminderKind,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(&format!("{DUE} AND bookings.id = $4"))
        .bind(kind.lead().num_seconds())
        .bind(kind.window_end().num_seconds())
        .bind(now.timestamp())
        .bind(id.0)
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

/// A new unsubscribe token for `user`'s reminder emails (stored hashed).
pub async fn new_unsubscribe_token(
    db: impl AnyExecutor<'_>,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let token = tokens::generate();
    sqlx::query(
        "INSERT INTO unsubscribe_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(tokens::hash(&token))
    .bind(user.0)
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(token)
}

/// Turns reminders off for the token's account; whether the token was
/// known. The token stays usable: a second click changes nothing.
pub async fn unsubscribe(db: impl AnyExecutor<'_>, token: &str) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE users SET reminders = 0
         WHERE deleted_at IS NULL
           AND id = (SELECT user_id FROM unsubscribe_tokens WHERE token_hash = $1)",
    )
    .bind(tokens::hash(token))
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Forgets a deleted account's unsubscribe tokens.
pub async fn delete_unsubscribe_tokens(
    db: impl AnyExecutor<'_>,
    user: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM unsubscribe_tokens WHERE user_id = $1")
        .bind(user.0)
        .execute(db)
        .await?;
    Ok(())
}
