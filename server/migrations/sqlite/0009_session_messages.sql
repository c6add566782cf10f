-- Messages about sessions: the durable outgoing-mail queue, reminders,
-- rescheduling, the cancellation cutoff and private calendar feeds.

-- 1 while the person wants reminder emails (the default), 0 once turned off.
ALTER TABLE users ADD COLUMN reminders INTEGER NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1));

-- Until how many hours before the start a client may cancel or reschedule.
ALTER TABLE availability_rules ADD COLUMN cancellation_cutoff_hours INTEGER NOT NULL DEFAULT 0
    CHECK (cancellation_cutoff_hours BETWEEN 0 AND 72);

-- Grows with each reschedule and the cancellation: the SEQUENCE of the
-- booking's calendar entry.
ALTER TABLE bookings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
-- When the booking got its current time (booked or last rescheduled):
-- reminders are only for sessions set before their window opened.
ALTER TABLE bookings ADD COLUMN scheduled_at INTEGER;
UPDATE bookings SET scheduled_at = created_at;

-- Every email, written in the transaction of the change it tells about and
-- delivered by whichever process claims it first. `dedupe_key` names the
-- message (booking, kind, revision, recipient), so a change retried or a
-- reminder found twice is queued once.
CREATE TABLE outgoing_mail (
    id INTEGER PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT,
    -- An iCalendar object (with its METHOD) sent as an attachment.
    calendar TEXT,
    -- The one-click unsubscribe address of a reminder (RFC 8058).
    unsubscribe_url TEXT,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    -- A claim is a lease: if its process dies mid-send, another process
    -- takes the message once `claimed_until` has passed.
    claimed_by TEXT,
    claimed_until INTEGER,
    sent_at INTEGER,
    -- Refused for good (for example an address the relay does not know).
    failed_at INTEGER,
    last_error TEXT
);
CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- At most one private calendar feed per person; the address's token is
-- stored only as its SHA-256.
CREATE TABLE calendar_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at INTEGER NOT NULL
);

-- The tokens of reminder emails' unsubscribe links, stored hashed.
CREATE TABLE unsubscribe_tokens (
    token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
CREATE INDEX unsubscribe_tokens_by_user ON unsubscribe_tokens (user_id);
