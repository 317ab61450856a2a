-- The relay publishes every committed row as soon as it sees it, in seq order,
-- instead of waiting until no older transaction is running (txid below the
-- snapshot's xmin). That wait bought an order no consumer may rely on (retries
-- and replicas reorder deliveries anyway) and cost up to a poll interval per
-- event. What seq order still gives: an aggregate's events come out in the
-- order their transactions committed, because a writer appends its event
-- after writing the aggregate's row, which it holds locked until commit.
--
-- The txid column stays (still filled by its default) so that a relay of
-- the previous release, during a rolling upgrade, can go on reading; a later
-- release drops it. Its index goes now: that relay can scan without it.
DROP INDEX outbox_unpublished_idx;
CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL;
