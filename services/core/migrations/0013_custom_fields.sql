-- Custom field definitions per record type, and the `custom_fields` object
-- on every record type that has them (leads have had it from the start).
-- A key is unique among an organization's live definitions of one type.
-- The record tables are locked first, in the order their writers take
-- them, so this cannot deadlock with a running replica during a deploy.
LOCK TABLE clients, contacts, deals, orders IN ACCESS EXCLUSIVE MODE;
CREATE TABLE custom_field_definitions (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL,
  entity      text NOT NULL CHECK (entity IN ('lead', 'client', 'contact', 'deal', 'order')),
  key         text NOT NULL,
  label       text NOT NULL,
  type        text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'select', 'multiselect')),
  options     text[] NOT NULL DEFAULT '{}',
  required    boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX custom_field_definitions_key ON custom_field_definitions (org_id, entity, key)
  WHERE archived_at IS NULL;
SELECT make_tenant_table('custom_field_definitions');

ALTER TABLE clients ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}';
ALTER TABLE contacts ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}';
ALTER TABLE deals ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}';
ALTER TABLE orders ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}';
