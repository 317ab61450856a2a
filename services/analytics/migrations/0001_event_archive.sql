-- Every domain event, append-only; projections are rebuilt from it.
CREATE TABLE event_archive (
  event_id    uuid NOT NULL,
  org_id      uuid NOT NULL,
  event_type  text NOT NULL,
  source      text NOT NULL,
  actor       text NOT NULL,
  request_id  text NOT NULL,
  occurred_at timestamptz NOT NULL,
  envelope    bytea NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, event_id)
);
CREATE INDEX event_archive_org_time_idx ON event_archive (org_id, occurred_at);
SELECT make_tenant_table('event_archive');

-- Append-only: the service's own role may not rewrite history.
REVOKE UPDATE, DELETE, TRUNCATE ON event_archive FROM PUBLIC;
CREATE FUNCTION event_archive_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event_archive is append-only';
END $$;
CREATE TRIGGER event_archive_append_only BEFORE UPDATE OR DELETE ON event_archive
  FOR EACH ROW EXECUTE FUNCTION event_archive_append_only();
