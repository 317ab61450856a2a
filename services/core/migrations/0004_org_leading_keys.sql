-- Every key of a tenant table leads with org_id (PRODUCT.md §10): one
-- organization's rows can then live together on one node if the schema is
-- ever distributed by organization, and a foreign key can never join rows
-- of two organizations. The plain (org_id, id) indexes of pipelines and
-- stages go, being the new keys; the partial ones of leads and clients
-- (live rows only) stay. All four tables are locked first, in the order
-- every writer takes them, so the migration cannot deadlock with a consumer
-- creating a default pipeline. Rebuilding a key of a large table holds that
-- lock for the whole build: these tables are still small.
LOCK TABLE pipelines, pipeline_stages, leads, clients IN ACCESS EXCLUSIVE MODE;

ALTER TABLE pipeline_stages DROP CONSTRAINT pipeline_stages_pipeline_id_fkey;
ALTER TABLE pipeline_stages DROP CONSTRAINT pipeline_stages_pipeline_id_position_key;

ALTER TABLE pipelines DROP CONSTRAINT pipelines_pkey, ADD PRIMARY KEY (org_id, id);
DROP INDEX pipelines_org_idx;

ALTER TABLE pipeline_stages DROP CONSTRAINT pipeline_stages_pkey, ADD PRIMARY KEY (org_id, id),
  ADD CONSTRAINT pipeline_stages_position_key UNIQUE (org_id, pipeline_id, position),
  ADD CONSTRAINT pipeline_stages_pipeline_fkey FOREIGN KEY (org_id, pipeline_id) REFERENCES pipelines (org_id, id);
DROP INDEX pipeline_stages_org_idx;

ALTER TABLE leads DROP CONSTRAINT leads_pkey, ADD PRIMARY KEY (org_id, id);
ALTER TABLE clients DROP CONSTRAINT clients_pkey, ADD PRIMARY KEY (org_id, id);
