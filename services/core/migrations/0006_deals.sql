-- Deals: a client's prospective sale moving through the stages of one
-- pipeline, its status the kind of its stage. Seen through its client, like
-- contacts: every statement requires the live client, whose brand policy
-- then hides the deals of clients the caller may not see. The value is in
-- minor units of its currency. Every stage a deal enters is kept, in order.
-- The tables are locked first, in the order the organization.created
-- consumer takes them, so this cannot deadlock with it during a deploy.
LOCK TABLE pipelines, pipeline_stages, clients IN ACCESS EXCLUSIVE MODE;

ALTER TABLE pipeline_stages ADD CONSTRAINT pipeline_stages_in_pipeline UNIQUE (org_id, id, pipeline_id);

CREATE TABLE deals (
  org_id              uuid NOT NULL,
  id                  uuid NOT NULL,
  client_id           uuid NOT NULL,
  pipeline_id         uuid NOT NULL,
  stage_id            uuid NOT NULL,
  owner_id            uuid,
  title               text NOT NULL,
  value_minor         bigint NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
  currency            text NOT NULL,
  expected_close_date date,
  status              text NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  archived_at         timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, pipeline_id) REFERENCES pipelines (org_id, id),
  -- The stage belongs to the deal's pipeline.
  FOREIGN KEY (org_id, stage_id, pipeline_id) REFERENCES pipeline_stages (org_id, id, pipeline_id)
);
CREATE INDEX deals_stage_idx ON deals (org_id, stage_id, id) WHERE archived_at IS NULL;
CREATE INDEX deals_client_idx ON deals (org_id, client_id, id) WHERE archived_at IS NULL;
CREATE INDEX deals_pipeline_idx ON deals (org_id, pipeline_id, id) WHERE archived_at IS NULL;
CREATE INDEX deals_status_idx ON deals (org_id, status, id) WHERE archived_at IS NULL;
SELECT make_tenant_table('deals');

CREATE TABLE deal_stage_history (
  org_id     uuid NOT NULL,
  deal_id    uuid NOT NULL,
  seq        bigint GENERATED ALWAYS AS IDENTITY,
  stage_id   uuid NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, deal_id, seq),
  FOREIGN KEY (org_id, deal_id) REFERENCES deals (org_id, id),
  FOREIGN KEY (org_id, stage_id) REFERENCES pipeline_stages (org_id, id)
);
SELECT make_tenant_table('deal_stage_history');
