// Everything that happened to a client, newest first, each item linking to
// the record it is about.

import { Link } from "react-router-dom";
import type { TimelineItem } from "../../api/types";
import { FormError } from "../../components/Field";
import { formatDateTime } from "../../format";
import { usePages } from "../../lists/usePages";

const PAGES: Record<string, string> = { deal: "/deals", order: "/orders" };

export function TimelinePanel({ clientId }: { clientId: string }) {
  const { rows, loading, done, error, loadMore } = usePages<TimelineItem>(`/v1/clients/${clientId}/timeline`, {}, 20);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <FormError message={error?.summary} />
      <ol className="timeline" aria-label="Timeline" aria-busy={loading}>
        {rows.map((item) => {
          const page = item.ref && PAGES[item.ref.type];
          return (
            <li key={item.id}>
              <span className="muted">{formatDateTime(item.occurred_at)}</span>
              <span>{page ? <Link to={`${page}/${item.ref!.id}`}>{item.summary}</Link> : item.summary}</span>
            </li>
          );
        })}
      </ol>
      {!loading && done && rows.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </section>
  );
}
