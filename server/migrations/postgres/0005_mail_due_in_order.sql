-- The mail worker claims the due messages that have waited longest,
-- `ORDER BY next_attempt_at, id`. With `id` in the index the claim reads
-- its batch in order and stops; without it PostgreSQL read and sorted the
-- whole backlog at each claim (about 45 ms for 25,000 waiting messages,
-- with the claim's row locks held meanwhile).
DROP INDEX outgoing_mail_due;
CREATE INDEX outgoing_mail_due ON outgoing_mail (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
