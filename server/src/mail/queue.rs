//! The table `outgoing_mail`: the durable queue every email goes through.
//!
//! A message is written with the change it tells about, in the same
//! transaction ([`enqueue`]), under a key that names it: a change retried
//! or a reminder found by two processes is queued once. Delivery is at
//! least once: a process [`claim_batch`]es due messages with a lease, sends
//! them, then marks them [`sent_all`]; a process that dies mid-send leaves the
//! lease to run out, and another process sends the message again.

use crate::db::{Db, Engine};
use chrono::{DateTime, Duration, Utc};
use sqlx::{AnyExecutor, FromRow};

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    /// Names the message: one row per key, whatever happens twice.
    pub dedupe_key: String,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub calendar: Option<String>,
    pub unsubscribe_url: Option<String>,
}

impl NewMail {
    /// A plain-text message without HTML, calendar or unsubscribe link.
    pub fn plain(dedupe_key: String, recipient: &str, subject: &str, text: String) -> Self {
        Self {
            dedupe_key,
            recipient: recipient.to_owned(),
            subject: subject.to_owned(),
            text,
            html: None,
            calendar: None,
            unsubscribe_url: None,
        }
    }
}

/// A message claimed for delivery.
#[derive(Debug, Clone, FromRow)]
pub struct ClaimedMail {
    pub id: i64,
    pub dedupe_key: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: Option<String>,
    pub calendar: Option<String>,
    pub unsubscribe_url: Option<String>,
    /// Failed attempts before this one.
    pub attempts: i64,
    /// When it fell due (claims go oldest first).
    pub next_attempt_at: i64,
}

/// Queues `mail`, due at once; whether it was new (a message of the same
/// key was queued before otherwise).
pub async fn enqueue(
    db: impl AnyExecutor<'_>,
    mail: &NewMail,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(enqueue_all(db, std::slice::from_ref(mail), now).await? == 1)
}

/// Queues every one of `mails`, due at once, in one statement; how many
/// were new (the others' keys were queued before).
pub async fn enqueue_all(
    db: impl AnyExecutor<'_>,
    mails: &[NewMail],
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    if mails.is_empty() {
        return Ok(0);
    }
    // `$1` is the time; each message takes the next seven placeholders.
    let rows: Vec<String> = (0..mails.len())
        .map(|n| {
            let p = |k: usize| format!("${}", 2 + n * 7 + k);
            format!(
                "({}, {}, {}, {}, {}, {}, {}, $1, $1)",
                p(0),
                p(1),
                p(2),
                p(3),
                p(4),
                p(5),
                p(6)
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO outgoing_mail (dedupe_key, recipient, subject, text_body, html_body,
             calendar, unsubscribe_url, created_at, next_attempt_at)
         VALUES {}
         ON CONFLICT (dedupe_key) DO NOTHING",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(now.timestamp());
    for mail in mails {
        query = query
            .bind(&mail.dedupe_key)
            .bind(&mail.recipient)
            .bind(&mail.subject)
            .bind(&mail.text)
            .bind(mail.html.as_deref())
            .bind(mail.calendar.as_deref())
            .bind(mail.unsubscribe_url.as_deref());
    }
    Ok(query.execute(db).await?.rows_affected())
}

/// Whether a message of this key was ever queued.
pub async fn exists(db: impl AnyExecutor<'_>, dedupe_key: &str) -> Result<bool, sqlx::Error> {
    let found: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM outgoing_mail WHERE dedupe_key = $1)
                THEN 1 ELSE 0 END",
    )
    .bind(dedupe_key)
    .fetch_one(db)
    .await?;
    Ok(found == 1)
}

/// Forgets the unsent messages to a deleted account's address.
pub async fn forget_unsent_to(
    db: impl AnyExecutor<'_>,
    recipient: &str,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM outgoing_mail WHERE recipient = $1 AND sent_at IS NULL")
        .bind(recipient)
        .execute(db)
        .await?;
    Ok(result.rows_affected())
}

/// Claims the message that has waited longest among those due, unsent and
/// not held by a live lease, for `worker` until `now + lease`.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Option<ClaimedMail>, sqlx::Error> {
    Ok(claim_batch(db, worker, now, lease, 1).await?.pop())
}

/// Claims up to `limit` of the messages that have waited longest among
/// those due, unsent and not held by a live lease, for `worker` until
/// `now + lease`; oldest first.
///
/// On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several processes claim
/// side by side, each different messages (a row is checked again once
/// locked); on SQLite the one write lock makes the statement atomic. The
/// due messages are chosen once, in a materialised CTE: as an `IN (…)`
/// subquery PostgreSQL may run the locking `LIMIT` again for each row and
/// claim more than `limit`. The update then finds its rows by id alone:
/// repeating the conditions there let PostgreSQL's generic plan, with the
/// statistics of a table that grew fast, walk the whole backlog for each
/// claim (100 ms and more for 30,000 waiting messages).
pub async fn claim_batch(
    db: &Db,
    worker: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<ClaimedMail>, sqlx::Error> {
    let lock = match db.engine() {
        Engine::Postgres => "FOR UPDATE SKIP LOCKED",
        Engine::Sqlite => "",
    };
    let free = "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $3
        AND (claimed_until IS NULL OR claimed_until <= $3)";
    let mut claimed = sqlx::query_as::<_, ClaimedMail>(&format!(
        "WITH due AS MATERIALIZED (
             SELECT id FROM outgoing_mail WHERE {free}
             ORDER BY next_attempt_at, id LIMIT $4 {lock})
         UPDATE outgoing_mail SET claimed_by = $1, claimed_until = $2
         WHERE id IN (SELECT id FROM due)
         RETURNING id, dedupe_key, recipient, subject, text_body, html_body, calendar,
             unsubscribe_url, attempts, next_attempt_at"
    ))
    .bind(worker)
    .bind((now + lease).timestamp())
    .bind(now.timestamp())
    .bind(limit)
    .fetch_all(db.writer())
    .await?;
    claimed.sort_by_key(|mail| (mail.next_attempt_at, mail.id));
    Ok(claimed)
}

/// `$first, $first+1, …`: one placeholder for each of `count` values.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Marks a claimed message delivered; see [`sent_all`].
pub async fn sent(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sent_all(db, &[id], now).await
}

/// Marks claimed messages delivered, in one statement, and erases what
/// they said and to whom: their links may hold tokens, and a row only
/// needs to keep its key (so the same message is never queued again).
pub async fn sent_all(db: &Db, ids: &[i64], now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE outgoing_mail SET sent_at = $1, claimed_by = NULL, claimed_until = NULL,
             last_error = NULL, recipient = '', subject = '', text_body = '',
             html_body = NULL, calendar = NULL, unsubscribe_url = NULL
         WHERE id IN ({})",
        placeholders(2, ids.len())
    );
    let mut query = sqlx::query(&sql).bind(now.timestamp());
    for id in ids {
        query = query.bind(*id);
    }
    query.execute(db.writer()).await?;
    Ok(())
}

/// Gives claimed messages back untried, due as they were, so that any
/// process may claim them at once.
pub async fn release(db: &Db, worker: &str, ids: &[i64]) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE outgoing_mail SET claimed_by = NULL, claimed_until = NULL
         WHERE claimed_by = $1 AND id IN ({})",
        placeholders(2, ids.len())
    );
    let mut query = sqlx::query(&sql).bind(worker);
    for id in ids {
        query = query.bind(*id);
    }
    query.execute(db.writer()).await?;
    Ok(())
}

/// Gives a claimed message back after a failed attempt, due again at
/// `retry_at`.
pub async fn retry_later(
    db: &Db,
    id: i64,
    retry_at: DateTime<Utc>,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outgoing_mail SET attempts = attempts + 1, next_attempt_at = $1,
             claimed_by = NULL, claimed_until = NULL, last_error = $2
         WHERE id = $3",
    )
    .bind(retry_at.timestamp())
    .bind(error)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Gives up on a message the relay refused for good.
pub async fn failed(db: &Db, id: i64, now: DateTime<Utc>, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outgoing_mail SET attempts = attempts + 1, failed_at = $1,
             claimed_by = NULL, claimed_until = NULL, last_error = $2,
             text_body = '', html_body = NULL, calendar = NULL, unsubscribe_url = NULL
         WHERE id = $3",
    )
    .bind(now.timestamp())
    .bind(error)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// How many messages wait for delivery (due or not).
pub async fn waiting(db: impl AnyExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outgoing_mail WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(db)
    .await
}

/// When the next waiting message falls due, if any waits.
pub async fn next_due(db: impl AnyExecutor<'_>) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let at: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until > next_attempt_at
                         THEN claimed_until ELSE next_attempt_at END)
         FROM outgoing_mail WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(db)
    .await?;
    at.map(crate::db::utc).transpose()
}

/// Deletes delivered and abandoned messages older than `before` (the
/// queue is not an archive).
pub async fn delete_done_before(
    db: impl AnyExecutor<'_>,
    before: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "DELETE FROM outgoing_mail
         WHERE COALESCE(sent_at, failed_at) IS NOT NULL AND COALESCE(sent_at, failed_at) < $1",
    )
    .bind(before.timestamp())
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}
