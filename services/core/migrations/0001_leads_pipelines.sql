-- Leads and pipelines. Every table here is tenant data: org_id, an index
-- leading with it, and row-level security on sentra.org_id.

CREATE TABLE leads (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL,
  brand_id      uuid,
  owner_id      uuid,
  name          text NOT NULL,
  email         text,
  phone         text,
  company       text,
  source        text NOT NULL CHECK (source IN ('website', 'manual', 'referral', 'broker', 'event', 'import', 'other')),
  status        text NOT NULL CHECK (status IN ('new', 'contacted', 'qualified', 'unqualified', 'converted')),
  score         integer NOT NULL DEFAULT 0,
  notes         text,
  tags          text[] NOT NULL DEFAULT '{}',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  archived_at   timestamptz
);
-- Cursor pagination: by id (UUIDv7, so creation order) and by name.
CREATE INDEX leads_org_id_idx ON leads (org_id, id) WHERE archived_at IS NULL;
CREATE INDEX leads_org_name_idx ON leads (org_id, name, id) WHERE archived_at IS NULL;
CREATE INDEX leads_org_status_idx ON leads (org_id, status, id) WHERE archived_at IS NULL;
SELECT make_tenant_table('leads');

CREATE TABLE pipelines (
  id         uuid PRIMARY KEY,
  org_id     uuid NOT NULL,
  name       text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pipelines_org_idx ON pipelines (org_id, id);
CREATE UNIQUE INDEX pipelines_one_default ON pipelines (org_id) WHERE is_default;
SELECT make_tenant_table('pipelines');

CREATE TABLE pipeline_stages (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL,
  pipeline_id uuid NOT NULL REFERENCES pipelines (id),
  name        text NOT NULL,
  position    integer NOT NULL,
  probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
  kind        text NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
  UNIQUE (pipeline_id, position)
);
CREATE INDEX pipeline_stages_org_idx ON pipeline_stages (org_id, pipeline_id, position);
SELECT make_tenant_table('pipeline_stages');
