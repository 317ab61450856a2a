-- Tasks and reminders. A task about a record (lead, client, deal, order) is
-- seen through that live record, like a note; one about nothing is the
-- whole organization's. `overdue_at` says task.overdue went out for the
-- current due time; changing the due time or the snooze, or reopening the
-- task, clears it so the check fires again.
CREATE TABLE tasks (
  org_id        uuid NOT NULL,
  id            uuid NOT NULL,
  title         text NOT NULL,
  description   text NOT NULL DEFAULT '',
  due_at        timestamptz,
  snoozed_until timestamptz,
  assignee_id   uuid NOT NULL,
  priority      text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status        text NOT NULL CHECK (status IN ('open', 'done')),
  related_type  text CHECK (related_type IN ('lead', 'client', 'deal', 'order')),
  related_id    uuid,
  created_by    uuid NOT NULL,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  overdue_at    timestamptz,
  archived_at   timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK ((related_type IS NULL) = (related_id IS NULL)),
  CHECK ((status = 'done') = (completed_at IS NOT NULL))
);
CREATE INDEX tasks_assignee_idx ON tasks (org_id, assignee_id, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_related_idx ON tasks (org_id, related_type, related_id, id) WHERE archived_at IS NULL;
CREATE INDEX tasks_due_idx ON tasks (org_id, (coalesce(due_at, 'infinity'::timestamptz)), id)
  WHERE archived_at IS NULL;
-- What the overdue check looks for, across organizations: open tasks whose
-- due time (or snooze, if later) has passed and that have not been told.
CREATE INDEX tasks_alarm_idx ON tasks ((greatest(due_at, snoozed_until)))
  WHERE status = 'open' AND overdue_at IS NULL AND archived_at IS NULL AND due_at IS NOT NULL;
SELECT make_tenant_table('tasks');

-- The overdue check finds the organizations with due tasks in one query, in
-- a transaction that names itself with `sentra.job`; it may read, never
-- write, and then handles each organization in a transaction of its own.
-- Request transactions never set it. Like `sentra.org_id`, only the
-- service's own code sets it, so this widens nothing a caller controls.
CREATE POLICY overdue_check ON tasks FOR SELECT USING (current_setting('sentra.job', true) = 'task_overdue');
