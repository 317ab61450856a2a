// Leads: search, filters and sort in the URL (so a view can be shared and
// the back button works), a virtualized list that pages in as it scrolls,
// and the form for a new lead.

import { useState } from "react";
import { Link } from "react-router-dom";
import { LEAD_SOURCES, LEAD_STATUSES, type Lead } from "../../api/types";
import { FormError, SelectField, TextField } from "../../components/Field";
import { useMemberNames } from "../../components/useMemberNames";
import { formatDate } from "../../format";
import { usePages } from "../../lists/usePages";
import { useUrlFilters } from "../../lists/useUrlFilters";
import { BY_NAME, NEWEST_FIRST, SortField } from "../../lists/SortField";
import { VirtualList } from "../../lists/VirtualList";
import { useSession } from "../../session/SessionContext";
import { NewLeadForm } from "./NewLeadForm";

export function LeadsPage() {
  const { can } = useSession();
  const { filters, setFilter, search, setSearch } = useUrlFilters({ q: "", status: "", source: "", sort: "-created_at" });
  const { rows, loading, done, error, loadMore, reload } = usePages<Lead>("/v1/leads", filters);
  const [creating, setCreating] = useState(false);
  const ownerName = useMemberNames();

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
        <SortField value={filters.sort} options={[...NEWEST_FIRST, ...BY_NAME]} onChange={(v) => setFilter("sort", v)} />
      </div>
      <FormError message={error?.summary} />
      <div className="list-head leads-columns" aria-hidden="true">
        <span>Name</span><span>Company</span><span>E-mail</span><span>Owner</span><span>Created</span><span>Status</span>
      </div>
      <VirtualList label="Leads" noun="leads" rows={rows} loading={loading} done={done} loadMore={loadMore}>
        {(lead) => (
          <Link to={`/leads/${lead.id}`} className="row-link leads-columns">
            <span className="name">{lead.name}</span>
            <span>{lead.company}</span>
            <span className="muted">{lead.email}</span>
            <span className="muted" title="Owner">{ownerName(lead.owner_id)}</span>
            <span className="muted" title="Created">{formatDate(lead.created_at)}</span>
            <span><span className={`badge badge-${lead.status}`}>{lead.status}</span></span>
          </Link>
        )}
      </VirtualList>
    </section>
  );
}
