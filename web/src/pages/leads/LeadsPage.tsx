// Leads: search, filters and sort in the URL (so a view can be shared and
// the back button works), a virtualized list that pages in as it scrolls,
// and the form for a new lead.

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { LEAD_SOURCES, LEAD_STATUSES } from "../../api/types";
import { FormError, SelectField, TextField } from "../../components/Field";
import { useSession } from "../../session/SessionContext";
import { NewLeadForm } from "./NewLeadForm";
import { useLeadPages } from "./useLeadPages";

const SORTS: [string, string][] = [
  ["-created_at", "Newest first"],
  ["created_at", "Oldest first"],
  ["name", "Name A–Z"],
  ["-name", "Name Z–A"],
];
const ROW_HEIGHT = 52;

export function LeadsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get("q") ?? "",
    status: params.get("status") ?? "",
    source: params.get("source") ?? "",
    sort: params.get("sort") ?? "-created_at",
  };
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  // The search box updates the list a moment after typing stops.
  const [search, setSearch] = useState(filters.q);
  // The URL wins when it changes by itself (a link, the back button).
  useEffect(() => setSearch(filters.q), [filters.q]);
  useEffect(() => {
    const timer = setTimeout(() => search !== filters.q && setFilter("q", search), 300);
    return () => clearTimeout(timer);
  });

  const { rows, loading, done, error, loadMore, reload } = useLeadPages(filters);
  const [creating, setCreating] = useState(false);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 20) loadMore();
  }, [last, rows.length, loadMore]);

  return (
    <section aria-labelledby="leads-title" className="page">
      <div className="page-head">
        <h1 id="leads-title">Leads</h1>
        {can("leads:write") && (
          <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>
            New lead
          </button>
        )}
      </div>
      {creating && <NewLeadForm onDone={(created) => { setCreating(false); if (created) reload(); }} />}
      <div className="filters" role="search">
        <TextField label="Search" type="search" placeholder="Name, e-mail or company" value={search}
                   onChange={(e) => setSearch(e.target.value)} />
        <SelectField label="Status" value={filters.status} onChange={(e) => setFilter("status", e.target.value)}>
          <option value="">Any status</option>
          {LEAD_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </SelectField>
        <SelectField label="Source" value={filters.source} onChange={(e) => setFilter("source", e.target.value)}>
          <option value="">Any source</option>
          {LEAD_SOURCES.map((s) => <option key={s} value={s}>{s}</option>)}
        </SelectField>
        <SelectField label="Sort" value={filters.sort} onChange={(e) => setFilter("sort", e.target.value)}>
          {SORTS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </SelectField>
      </div>
      <FormError message={error?.summary} />
      <div className="list-head" aria-hidden="true">
        <span>Name</span><span>Company</span><span>E-mail</span><span>Status</span>
      </div>
      <div ref={scroller} className="list" role="list" aria-label="Leads" aria-busy={loading}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const lead = rows[item.index];
            return (
              <div key={lead.id} role="listitem" className="row"
                   style={{ position: "absolute", top: 0, left: 0, right: 0, height: item.size,
                            transform: `translateY(${item.start}px)` }}>
                <Link to={`/leads/${lead.id}`} className="row-link">
                  <span className="name">{lead.name}</span>
                  <span>{lead.company}</span>
                  <span className="muted">{lead.email}</span>
                  <span><span className={`badge badge-${lead.status}`}>{lead.status}</span></span>
                </Link>
              </div>
            );
          })}
        </div>
        {loading && <p className="list-status" role="status">Loading leads…</p>}
        {!loading && done && rows.length === 0 && <p className="list-status">No leads match.</p>}
      </div>
      <p className="muted count" role="status">{rows.length} shown{done ? "" : ", more as you scroll"}</p>
    </section>
  );
}
