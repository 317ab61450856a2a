-- Contacts: the people at a client. A contact is seen through its client:
-- every statement joins clients, whose brand policy then hides the contacts
-- of clients the caller may not see. One primary per live client.
CREATE TABLE contacts (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL,
  client_id   uuid NOT NULL,
  name        text NOT NULL,
  email       text,
  phone       text,
  title       text,
  is_primary  boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id)
);
CREATE INDEX contacts_client_idx ON contacts (org_id, client_id, id) WHERE archived_at IS NULL;
CREATE UNIQUE INDEX contacts_one_primary ON contacts (org_id, client_id) WHERE is_primary AND archived_at IS NULL;
SELECT make_tenant_table('contacts');
