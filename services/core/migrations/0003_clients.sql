-- Clients: the companies and people an agency works for. Tenant data, brand
-- scoped, and client scoped on their own id, so that a client-portal
-- member's transactions see their own client row only.
CREATE TABLE clients (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL,
  brand_id    uuid,
  owner_id    uuid,
  kind        text NOT NULL CHECK (kind IN ('company', 'person')),
  name        text NOT NULL,
  email       text,
  phone       text,
  website     text,
  notes       text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE INDEX clients_org_id_idx ON clients (org_id, id) WHERE archived_at IS NULL;
SELECT make_tenant_table('clients');
SELECT make_brand_scoped('clients');
SELECT make_client_scoped('clients', 'id');
