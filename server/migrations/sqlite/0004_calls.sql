-- Video calls: the LiveKit room of each booking, who is in it, the call
-- tokens handed out (for the hourly limit), and the webhook events already
-- applied. Every time is INTEGER unix seconds, UTC.

-- A booking's room, made when its first call token is minted. The name is
-- random, so it tells nothing about the booking and cannot be guessed.
CREATE TABLE call_rooms (
    booking_id INTEGER PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
    room_name TEXT NOT NULL UNIQUE CHECK (length(room_name) BETWEEN 16 AND 64),
    created_at INTEGER NOT NULL,
    -- When this server last received a webhook event for the room (its own
    -- clock); NULL before the first one.
    last_event_at INTEGER
) STRICT;

-- Who joined which room and whether they left, from LiveKit's webhooks and,
-- when those go quiet, from LiveKit's own participant list.
CREATE TABLE call_participants (
    room_name TEXT NOT NULL REFERENCES call_rooms (room_name) ON DELETE CASCADE,
    -- The user id the token was minted for.
    identity TEXT NOT NULL,
    -- LiveKit's id of the connection ('' when unknown): a leave of an older
    -- connection does not remove a newer one of the same person.
    sid TEXT NOT NULL,
    name TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    -- NULL while the participant is in the room.
    left_at INTEGER,
    -- The time of the newest event applied to the row; older ones are
    -- ignored, so an event that arrives late cannot undo a newer one.
    event_at INTEGER NOT NULL,
    PRIMARY KEY (room_name, identity)
) STRICT;

-- One row per call token minted, kept for the rolling hour of the limit.
CREATE TABLE call_token_grants (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    granted_at INTEGER NOT NULL
) STRICT;

CREATE INDEX call_token_grants_by_user ON call_token_grants (user_id, granted_at);

-- The ids of the webhook events received, so that a replayed event is not
-- applied twice. Kept for a day: LiveKit's signature expires long before.
CREATE TABLE livekit_webhook_events (
    id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    received_at INTEGER NOT NULL
) STRICT;

CREATE INDEX livekit_webhook_events_by_time ON livekit_webhook_events (received_at);
