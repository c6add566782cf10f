-- Accounts and availability. Every time is INTEGER unix seconds, UTC.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    -- Stored lower-cased, so the UNIQUE constraint is case-insensitive in effect.
    email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('client', 'professional')),
    verified_at INTEGER,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE slots (
    id INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES users (id),
    start_time INTEGER NOT NULL,
    end_time INTEGER NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 100 AND 25000),
    created_at INTEGER NOT NULL,
    CHECK (end_time > start_time),
    -- Also the index for reading a professional's slots by time range.
    UNIQUE (professional_id, start_time)
) STRICT;
