// Tasks: mine by default, soonest due first, the overdue ones marked; a
// view for the overdue only, for everyone's, and for the done ones. A task
// is ticked off in place.

import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api/client";
import type { ApiError } from "../../api/errors";
import type { Task } from "../../api/types";
import { FormError, SelectField } from "../../components/Field";
import { formatDateTime } from "../../format";
import { usePages } from "../../lists/usePages";
import { useUrlFilters } from "../../lists/useUrlFilters";
import { useSession } from "../../session/SessionContext";
import { NewTaskForm } from "./NewTaskForm";

const VIEWS: Record<string, { label: string; filters: Record<string, string> }> = {
  mine: { label: "My open tasks", filters: { assignee_id: "me", status: "open", sort: "due_at" } },
  overdue: { label: "My overdue tasks", filters: { assignee_id: "me", overdue: "true", sort: "due_at" } },
  open: { label: "Everyone's open tasks", filters: { status: "open", sort: "due_at" } },
  done: { label: "Done", filters: { assignee_id: "me", status: "done", sort: "-created_at" } },
};

const RECORD_PAGES: Record<string, string> = { lead: "/leads", client: "/clients", deal: "/deals", order: "/orders" };

export function TasksPage() {
  const { can } = useSession();
  const { filters, setFilter } = useUrlFilters({ view: "mine" });
  const view = VIEWS[filters.view] ?? VIEWS.mine;
  const { rows, loading, done, error, loadMore, reload, replace } = usePages<Task>("/v1/tasks", view.filters, 50);
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const now = Date.now();

  // Ticked at once; put back, with the reason, if the server refuses.
  const toggle = async (task: Task) => {
    const status = task.status === "done" ? "open" : "done";
    const put = (t: Task) => replace((old) => old.map((o) => (o.id === t.id ? t : o)));
    setProblem(null);
    setSaving(task.id);
    put({ ...task, status });
    try {
      put(await api<Task>("PATCH", `/v1/tasks/${task.id}`, { status }));
    } catch (e) {
      put(task);
      setProblem(e as ApiError);
    } finally {
      setSaving(null);
    }
  };

  return (
    <section aria-labelledby="tasks-title" className="page">
      <div className="page-head">
        <h1 id="tasks-title">Tasks</h1>
        {can("tasks:write") && (
          <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>New task</button>
        )}
      </div>
      {creating && <NewTaskForm onDone={(created) => { setCreating(false); if (created) reload(); }} />}
      <div className="filters" role="search">
        <SelectField label="Show" value={filters.view} onChange={(e) => setFilter("view", e.target.value)}>
          {Object.entries(VIEWS).map(([key, v]) => <option key={key} value={key}>{v.label}</option>)}
        </SelectField>
      </div>
      <FormError message={(problem ?? error)?.summary} />
      <ul className="task-list" aria-label={view.label} aria-busy={loading}>
        {rows.map((task) => {
          const overdue = task.status === "open" && task.due_at && Date.parse(task.due_at) < now;
          const page = task.related && RECORD_PAGES[task.related.type];
          return (
            <li key={task.id} className={`task${task.status === "done" ? " done" : ""}`}>
              <label className="check">
                <input type="checkbox" checked={task.status === "done"} disabled={!can("tasks:write") || saving === task.id}
                       onChange={() => void toggle(task)} />
                <span className="task-title">{task.title}</span>
              </label>
              <span className={`badge badge-${task.priority}`}>{task.priority}</span>
              {task.due_at && (
                <span className={overdue ? "overdue" : "muted"}>
                  {overdue ? "Overdue: " : "Due "}{formatDateTime(task.due_at)}
                </span>
              )}
              {page && <Link to={`${page}/${task.related!.id}`}>the {task.related!.type}</Link>}
            </li>
          );
        })}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted">No tasks here.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>{loading ? "Loading…" : "Show more"}</button>}
    </section>
  );
}
