-- Notes on leads, clients and deals. A note is seen through its record:
-- every statement requires the live parent, whose own policies (a lead's
-- and a client's brand, a deal's client) then decide. Newest first.
CREATE TABLE notes (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL,
  parent_type text NOT NULL CHECK (parent_type IN ('lead', 'client', 'deal')),
  parent_id   uuid NOT NULL,
  body        text NOT NULL,
  author_id   uuid NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX notes_parent_idx ON notes (org_id, parent_type, parent_id, id DESC) WHERE archived_at IS NULL;
SELECT make_tenant_table('notes');
