// The tasks about one lead, client or deal, on its page: open ones first
// by due time, a form for a new one about it.

import { useState } from "react";
import type { Task } from "../../api/types";
import { FormError } from "../../components/Field";
import { formatDateTime } from "../../format";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";
import { NewTaskForm } from "./NewTaskForm";

export function RecordTasks({ type, id }: { type: string; id: string }) {
  const { can } = useSession();
  const { rows, loading, done, error, loadMore, reload } = usePages<Task>(
    "/v1/tasks", { related_type: type, related_id: id, status: "open", sort: "due_at" }, 20);
  const [creating, setCreating] = useState(false);
  if (!can("tasks:read")) return null;
  const now = Date.now();
  return (
    <section className="card" aria-labelledby={`tasks-of-${id}`}>
      <div className="page-head">
        <h2 id={`tasks-of-${id}`}>Open tasks</h2>
        {can("tasks:write") && !creating && <button type="button" onClick={() => setCreating(true)}>New task</button>}
      </div>
      {creating && <NewTaskForm related={{ type, id }} onDone={(created) => { setCreating(false); if (created) reload(); }} />}
      <FormError message={error?.summary} />
      <ul className="plain-list" aria-label={`Tasks about this ${type}`} aria-busy={loading}>
        {rows.map((t) => (
          <li key={t.id} className="split">
            <span>{t.title} <span className={`badge badge-${t.priority}`}>{t.priority}</span></span>
            {t.due_at && (
              <span className={Date.parse(t.due_at) < now ? "overdue" : "muted"}>{formatDateTime(t.due_at)}</span>
            )}
          </li>
        ))}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted">No open tasks.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </section>
  );
}
