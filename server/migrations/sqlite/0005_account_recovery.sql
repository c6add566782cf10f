-- Account recovery and self-service: password-reset links, request limits
-- that hold across server processes, the account's time zone, and deleted
-- accounts kept as tombstones. Every time is INTEGER unix seconds, UTC.

-- A password-reset link, stored only as the SHA-256 hash of its token.
CREATE TABLE password_reset_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Set once the token was used (or made useless by another one's use).
    used_at INTEGER
) STRICT;

CREATE INDEX password_reset_tokens_by_user ON password_reset_tokens (user_id, created_at);

-- One row per request counted by a rolling-window limit (registrations
-- per client address, reset requests per address and per email, password
-- checks per account), kept for the window.
CREATE TABLE request_limit_hits (
    id INTEGER PRIMARY KEY,
    -- Which limit: 'register_per_client', 'password_reset_per_email', …
    bucket TEXT NOT NULL,
    -- Who is limited: a client address, an email as typed (normalised), a user id.
    subject TEXT NOT NULL,
    at INTEGER NOT NULL
) STRICT;

CREATE INDEX request_limit_hits_by_subject ON request_limit_hits (bucket, subject, at);
CREATE INDEX request_limit_hits_by_time ON request_limit_hits (at);

-- The IANA name of the zone the person chose; NULL: the browser's.
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- Set when the account was deleted: its personal data is erased (email,
-- name, password hash) and the row stays, so that the other side of past
-- sessions still has someone to show ("Deleted account").
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

-- Why a booking was cancelled, when the server knows (account deletion).
ALTER TABLE bookings ADD COLUMN cancellation_reason TEXT;
