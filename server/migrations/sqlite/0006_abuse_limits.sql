-- Limits against guessing and flooding: sign-in attempts reserved before
-- the password is checked, browsers trusted after a successful sign-in,
-- and the last use of each session (for the idle timeout). Every time is
-- INTEGER unix seconds, UTC.

-- One row per sign-in attempt inside the throttling window. A row is made
-- `pending` in the same write transaction that counts the earlier ones,
-- before the password is checked; it becomes `failed` after a wrong
-- password and is deleted after a right one (or when no check happened).
-- So however many attempts arrive at once, from however many server
-- processes, no more are checked than the limits allow. A `pending` row
-- left behind by a stopped process counts as a failure until it leaves
-- the window. Replaces `login_failures`.
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    -- As typed, trimmed and lower-cased (the address may have no account).
    email TEXT NOT NULL,
    -- The client's address: IPv4 in full, IPv6 as its /64 network.
    client_ip TEXT NOT NULL,
    -- The trusted device the attempt came from (`trusted_devices`), or NULL
    -- for an attempt from an untrusted browser. Not a foreign key: the
    -- attempt keeps counting after the device row is gone.
    device_hash BLOB CHECK (device_hash IS NULL OR length(device_hash) = 32),
    state TEXT NOT NULL CHECK (state IN ('pending', 'failed')),
    attempted_at INTEGER NOT NULL
) STRICT;

CREATE INDEX login_attempts_by_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_by_client ON login_attempts (client_ip, attempted_at);
CREATE INDEX login_attempts_by_device ON login_attempts (device_hash, attempted_at);
CREATE INDEX login_attempts_by_time ON login_attempts (attempted_at);

DROP TABLE login_failures;

-- Browsers that signed in to an account successfully (OWASP's "device
-- cookie"): the SHA-256 hash of the random token in the browser's device
-- cookie. Sign-ins from a trusted device have their own allowance, so
-- strangers guessing the password elsewhere cannot lock the owner out.
CREATE TABLE trusted_devices (
    token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX trusted_devices_by_user ON trusted_devices (user_id);
CREATE INDEX trusted_devices_by_expiry ON trusted_devices (expires_at);

-- When the session was last used, at most a minute out of date (it is
-- written at most once a minute); the idle timeout counts from here.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
