-- "Running a few minutes late": when each of a booking's two people last
-- said so from the call page (unix seconds), shown to the other while they
-- wait.
ALTER TABLE bookings ADD COLUMN client_late_at INTEGER;
ALTER TABLE bookings ADD COLUMN professional_late_at INTEGER;
