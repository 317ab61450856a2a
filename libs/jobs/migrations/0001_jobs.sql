-- Durable background jobs, in every service's schema (the "jobs" component).
-- Tenant data: a job's arguments are its organization's, so a request's
-- transaction sees and enqueues only its own organization's jobs; the
-- workers see every job through the job_worker policy below.

CREATE TABLE jobs (
  id           bigserial NOT NULL,
  -- Whose work: the nil UUID for the service's own (a recurring check).
  org_id       uuid NOT NULL,
  kind         text NOT NULL,
  args         bytea NOT NULL DEFAULT '',   -- the kind's arguments, serialized
  -- At most one job per organization, kind and key, in any state, until the
  -- job is pruned: a job enqueued twice for the same cause is enqueued once.
  unique_key   text,
  state        text NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  attempt      integer NOT NULL DEFAULT 0,  -- runs begun
  run_at       timestamptz NOT NULL DEFAULT now(),
  -- Retries stop once the kind's retry window, counted from here, has passed.
  retry_from   timestamptz NOT NULL DEFAULT now(),
  -- While running: the worker's lease. Past it the job is another's to run.
  leased_until timestamptz,
  leased_by    text,
  last_error   text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  PRIMARY KEY (org_id, id)
);

CREATE INDEX jobs_id_idx ON jobs (id);
CREATE UNIQUE INDEX jobs_unique_idx ON jobs (org_id, kind, unique_key) WHERE unique_key IS NOT NULL;
CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE state = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (leased_until) WHERE state = 'running';
CREATE INDEX jobs_failed_idx ON jobs (id) WHERE state = 'failed';
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state = 'succeeded';

SELECT make_tenant_table('jobs');
-- The workers' transactions name themselves with `sentra.jobs`; like
-- `sentra.org_id`, only the service's own code sets it, never a caller.
CREATE POLICY job_worker ON jobs USING (current_setting('sentra.jobs', true) = 'worker')
  WITH CHECK (current_setting('sentra.jobs', true) = 'worker');

-- Recurring jobs: the last period each schedule enqueued, so that every
-- period gets one job across replicas and a stopped service catches up.
CREATE TABLE job_schedules (
  name        text PRIMARY KEY,
  last_period timestamptz NOT NULL
);
-- Only the workers read or write the schedules.
ALTER TABLE job_schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE job_schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY job_worker ON job_schedules USING (current_setting('sentra.jobs', true) = 'worker')
  WITH CHECK (current_setting('sentra.jobs', true) = 'worker');
