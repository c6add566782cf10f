-- Sign-in sessions, email verification and sign-in throttling. Every time
-- is INTEGER unix seconds, UTC. Secrets given to browsers (session ids,
-- verification tokens) are stored only as their SHA-256 hash.

CREATE TABLE sessions (
    id_hash BLOB PRIMARY KEY CHECK (length(id_hash) = 32),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX sessions_by_user ON sessions (user_id, expires_at);

CREATE TABLE verification_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Set once the token was used (or made useless by another one's use).
    used_at INTEGER
) STRICT;

-- Also what the resend limit counts: the emails a user was sent lately.
CREATE INDEX verification_tokens_by_user ON verification_tokens (user_id, created_at);

-- One row per failed sign-in, kept for the throttling window.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    -- As typed, trimmed and lower-cased (the address may have no account).
    email TEXT NOT NULL,
    client_ip TEXT NOT NULL,
    failed_at INTEGER NOT NULL
) STRICT;

CREATE INDEX login_failures_by_email ON login_failures (email, failed_at);
CREATE INDEX login_failures_by_client ON login_failures (email, client_ip, failed_at);
CREATE INDEX login_failures_by_time ON login_failures (failed_at);
