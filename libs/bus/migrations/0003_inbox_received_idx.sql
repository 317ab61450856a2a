-- Consumers prune their inbox rows older than the longest way an event can
-- come back (retries, a replay of parked messages), oldest first.
CREATE INDEX inbox_received_idx ON inbox (consumer, received_at);
