-- Bookings: one client books one slot. Every time is INTEGER unix seconds, UTC.
--
-- A slot has at most one active booking, whatever the concurrency: the
-- partial unique index below refuses a second one. Cancelled bookings stay,
-- so the slot can be booked again and both people keep the history.
--
-- `slot_id` has no ON DELETE action on purpose: the database refuses to
-- delete a slot that any booking still references. Deleting a slot whose
-- bookings were all cancelled removes those booking rows first, in the same
-- transaction; a slot with an active booking can never disappear under it.

CREATE TABLE bookings (
    id INTEGER PRIMARY KEY,
    slot_id INTEGER NOT NULL REFERENCES slots (id),
    client_id INTEGER NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
    notes TEXT CHECK (notes IS NULL OR length(notes) BETWEEN 1 AND 1000),
    created_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    cancelled_by INTEGER REFERENCES users (id),
    -- Cancelled exactly when the time and the person who cancelled are known.
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
    CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL))
) STRICT;

CREATE UNIQUE INDEX bookings_one_active_per_slot ON bookings (slot_id) WHERE status = 'active';

-- A client's sessions; a professional's go through their slots
-- (`slots (professional_id, start_time)`) and then this one.
CREATE INDEX bookings_by_client ON bookings (client_id, slot_id);
CREATE INDEX bookings_by_slot ON bookings (slot_id, status);
