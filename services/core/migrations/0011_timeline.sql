-- A client's timeline, projected from the events as core's consumer
-- receives them: one row per event that concerns a client, keyed by the
-- event's id so that a redelivered event adds nothing. No foreign keys: the
-- events may arrive before or after what they mention.
CREATE TABLE timeline_items (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL,
  client_id   uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  type        text NOT NULL,
  summary     text NOT NULL,
  ref_type    text NOT NULL,
  ref_id      uuid NOT NULL,
  -- The deal or order the item came through (its own, or a note or task on
  -- it): read with that record's permission, and gone with it.
  via_type    text NOT NULL DEFAULT '',
  via_id      uuid,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX timeline_client_idx ON timeline_items (org_id, client_id, occurred_at DESC, id DESC);
CREATE INDEX timeline_ref_idx ON timeline_items (org_id, ref_type, ref_id);
CREATE INDEX timeline_via_idx ON timeline_items (org_id, via_type, via_id) WHERE via_id IS NOT NULL;
SELECT make_tenant_table('timeline_items');
