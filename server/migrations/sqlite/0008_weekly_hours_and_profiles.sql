-- Weekly hours, booking rules, date overrides and profiles.
--
-- A time booked from weekly hours becomes a slot of origin 'weekly_hours'
-- in the booking's transaction, so every booked time is a slot and the old
-- guarantees hold for it. Cancelling such a booking releases its slot
-- (`released_at`): it keeps the cancelled booking's time for the history
-- but holds no time any more, so the same time can be booked again.
--
-- SQLite cannot drop the table's UNIQUE (professional_id, start_time), so
-- the table is rebuilt with the uniqueness over unreleased slots only.
-- Migrations run in a transaction with foreign keys on, where they cannot
-- be turned off; so the check is deferred to the commit instead: the old
-- rows wait in a copy, the old table is dropped (which leaves the
-- bookings without their slots for a moment), and the new table, under
-- the same name, gets the rows back before the commit checks.

PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE slots_before_0008 AS SELECT * FROM slots;

DROP TABLE slots;

CREATE TABLE slots (
    id INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES users (id),
    start_time INTEGER NOT NULL,
    end_time INTEGER NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 100 AND 25000),
    created_at INTEGER NOT NULL,
    origin TEXT NOT NULL DEFAULT 'one_off' CHECK (origin IN ('one_off', 'weekly_hours')),
    released_at INTEGER,
    CHECK (end_time > start_time),
    CHECK (released_at IS NULL OR origin = 'weekly_hours')
) STRICT;

INSERT INTO slots (id, professional_id, start_time, end_time, price_cents, created_at)
    SELECT id, professional_id, start_time, end_time, price_cents, created_at
    FROM slots_before_0008;

DROP TABLE slots_before_0008;

CREATE UNIQUE INDEX slots_one_per_start ON slots (professional_id, start_time)
    WHERE released_at IS NULL;
CREATE INDEX slots_by_professional ON slots (professional_id, start_time);

-- One row per professional who saved rules; minutes and hours as integers.
CREATE TABLE availability_rules (
    professional_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    time_zone TEXT NOT NULL,
    session_minutes INTEGER NOT NULL CHECK (session_minutes BETWEEN 15 AND 240),
    buffer_minutes INTEGER NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 60),
    notice_hours INTEGER NOT NULL CHECK (notice_hours BETWEEN 0 AND 168),
    horizon_days INTEGER NOT NULL CHECK (horizon_days BETWEEN 1 AND 365),
    price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 100 AND 25000),
    updated_at INTEGER NOT NULL
) STRICT;

-- Weekday 0 is Monday; minutes after local midnight, the end up to 1440.
CREATE TABLE weekly_hours (
    professional_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (professional_id, weekday, start_minute)
) STRICT;

-- Other hours on one local date (`YYYY-MM-DD`); no ranges is a day off.
CREATE TABLE availability_overrides (
    id INTEGER PRIMARY KEY,
    professional_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date TEXT NOT NULL CHECK (length(date) = 10),
    created_at INTEGER NOT NULL,
    UNIQUE (professional_id, date)
) STRICT;

CREATE TABLE override_ranges (
    override_id INTEGER NOT NULL REFERENCES availability_overrides (id) ON DELETE CASCADE,
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (override_id, start_minute)
) STRICT;

CREATE TABLE profiles (
    professional_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    headline TEXT NOT NULL CHECK (length(headline) <= 80),
    about TEXT NOT NULL CHECK (length(about) <= 2000),
    updated_at INTEGER NOT NULL
) STRICT;

-- Specialty codes of the `api` crate's list, free tags, ISO 639-1 codes;
-- `position` keeps the order the professional chose.
CREATE TABLE profile_terms (
    professional_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('specialty', 'tag', 'language')),
    position INTEGER NOT NULL,
    term TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 40),
    PRIMARY KEY (professional_id, kind, position)
) STRICT;
CREATE INDEX profile_terms_by_term ON profile_terms (kind, term);
