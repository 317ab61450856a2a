-- The custom field definitions of each organization's record type have a
-- version, bumped in the transaction of every change to them. A record's
-- write share-locks it and reads it: the definitions it checks against are
-- current until it commits, and a service holding them in memory at that
-- version need not read them again.
CREATE TABLE custom_field_sets (
  org_id  uuid NOT NULL,
  entity  text NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (org_id, entity)
);
SELECT make_tenant_table('custom_field_sets');

-- The record types that have definitions already. Every organization's at
-- once: row-level security lifted for the owner (this role) meanwhile.
ALTER TABLE custom_field_sets NO FORCE ROW LEVEL SECURITY;
ALTER TABLE custom_field_definitions NO FORCE ROW LEVEL SECURITY;
INSERT INTO custom_field_sets (org_id, entity, version)
  SELECT DISTINCT org_id, entity, 1 FROM custom_field_definitions;
ALTER TABLE custom_field_sets FORCE ROW LEVEL SECURITY;
ALTER TABLE custom_field_definitions FORCE ROW LEVEL SECURITY;

-- Lists of definitions stop at a page's byte budget like the others.
SELECT make_listed_table('custom_field_definitions');
