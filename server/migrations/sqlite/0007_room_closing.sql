-- Closing calls: when the server deleted a booking's LiveKit room (after a
-- cancellation, or once the session ended), so that no server process does
-- it again. NULL while the room may still be open. Unix seconds, UTC.
ALTER TABLE call_rooms ADD COLUMN closed_at INTEGER;

-- The rooms still to look at.
CREATE INDEX call_rooms_open ON call_rooms (booking_id) WHERE closed_at IS NULL;
