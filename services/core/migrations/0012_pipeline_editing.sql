-- Pipelines are created, edited and deleted by their organization. Deleted
-- pipelines and removed stages are kept, archived: deals' stage history
-- still names them. Positions are unique among live stages only, and the
-- one default among live pipelines.
ALTER TABLE pipelines ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN archived_at timestamptz;
ALTER TABLE pipeline_stages ADD COLUMN archived_at timestamptz;
ALTER TABLE pipeline_stages DROP CONSTRAINT pipeline_stages_position_key;
CREATE UNIQUE INDEX pipeline_stages_live_position ON pipeline_stages (org_id, pipeline_id, position)
  WHERE archived_at IS NULL;
DROP INDEX pipelines_one_default;
CREATE UNIQUE INDEX pipelines_one_default ON pipelines (org_id) WHERE is_default AND archived_at IS NULL;
