-- The transactional outbox and the idempotent inbox, in every service's schema.
-- Neither is tenant data: rows carry their organization inside the envelope,
-- and only the service's own relay and consumer read them.

CREATE TABLE outbox (
  seq            bigserial PRIMARY KEY,
  -- The writing transaction: the relay reads only rows of transactions older
  -- than every transaction still running, so one that commits late is never
  -- skipped, and publishes them in (txid, seq) order.
  txid           xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id       uuid NOT NULL UNIQUE,
  event_type     text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id   text NOT NULL,
  envelope       bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  published_at   timestamptz
);

CREATE INDEX outbox_unpublished_idx ON outbox (txid, seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- One NOTIFY per writing statement; NOTIFY is delivered at commit, and
-- identical ones in a transaction are folded into one.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sentra_outbox_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

CREATE TABLE inbox (
  consumer    text NOT NULL,
  event_id    uuid NOT NULL,
  event_type  text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
