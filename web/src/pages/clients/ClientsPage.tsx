// Clients: search, kind, live or archived and sort in the URL, a
// virtualized list that pages in as it scrolls, and the form for a new one.

import { useState } from "react";
import { Link } from "react-router-dom";
import { CLIENT_KINDS, type Client } from "../../api/types";
import { FormError, SelectField, TextField } from "../../components/Field";
import { usePages } from "../../lists/usePages";
import { useUrlFilters } from "../../lists/useUrlFilters";
import { BY_NAME, NEWEST_FIRST, SortField } from "../../lists/SortField";
import { VirtualList } from "../../lists/VirtualList";
import { useSession } from "../../session/SessionContext";
import { NewClientForm } from "./NewClientForm";

export function ClientsPage() {
  const { can } = useSession();
  const { filters, setFilter, search, setSearch } = useUrlFilters({ q: "", kind: "", archived: "", sort: "name" });
  const { rows, loading, done, error, loadMore, reload } = usePages<Client>("/v1/clients", filters);
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="clients-title" className="page">
      <div className="page-head">
        <h1 id="clients-title">Clients</h1>
        {can("clients:write") && (
          <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>
            New client
          </button>
        )}
      </div>
      {creating && <NewClientForm onDone={(created) => { setCreating(false); if (created) reload(); }} />}
      <div className="filters" role="search">
        <TextField label="Search" type="search" placeholder="Name or e-mail" value={search}
                   onChange={(e) => setSearch(e.target.value)} />
        <SelectField label="Kind" value={filters.kind} onChange={(e) => setFilter("kind", e.target.value)}>
          <option value="">Companies and people</option>
          {CLIENT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </SelectField>
        <SelectField label="Show" value={filters.archived} onChange={(e) => setFilter("archived", e.target.value)}>
          <option value="">Live clients</option>
          <option value="true">Archived clients</option>
        </SelectField>
        <SortField value={filters.sort} options={[...BY_NAME, ...NEWEST_FIRST]} onChange={(v) => setFilter("sort", v)} />
      </div>
      <FormError message={error?.summary} />
      <div className="list-head" aria-hidden="true">
        <span>Name</span><span>Kind</span><span>E-mail</span><span>Phone</span>
      </div>
      <VirtualList label="Clients" noun="clients" rows={rows} loading={loading} done={done} loadMore={loadMore}>
        {(client) => (
          <Link to={`/clients/${client.id}`} className="row-link">
            <span className="name">{client.name}</span>
            <span>{client.kind}</span>
            <span className="muted">{client.email}</span>
            <span className="muted">{client.phone}</span>
          </Link>
        )}
      </VirtualList>
    </section>
  );
}
