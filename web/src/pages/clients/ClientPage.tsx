// One client: its details to edit (a stale edit is refused by the server and
// explained here), archive and restore, its contacts, notes, deals and
// orders, and its timeline.

import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api/client";
import type { Client } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { LoadFailed } from "../../components/LoadFailed";
import { FormError, TextField } from "../../components/Field";
import { EditForm, customFieldNames } from "../../components/EditForm";
import { NotesPanel } from "../../components/NotesPanel";
import { useSubmit } from "../../components/useSubmit";
import { CustomFieldInputs, changedCustomValues, useCustomFields } from "../../components/CustomFieldInputs";
import { useSession } from "../../session/SessionContext";
import { RecordTasks } from "../tasks/RecordTasks";
import { CLIENT_FIELDS, ClientFields } from "./ClientFields";
import { ClientDeals, ClientOrders } from "./ClientRecords";
import { ContactsPanel } from "./ContactsPanel";
import { TimelinePanel } from "./TimelinePanel";

export function ClientPage() {
  const { id = "" } = useParams();
  const { record: client, setRecord, error, reload, loads } = useRecord<Client>(`/v1/clients/${encodeURIComponent(id)}`);
  if (error) return <LoadFailed error={error} what="client" back="/clients" backLabel="Back to clients" />;
  if (!client) return <p role="status" className="page">Loading the client…</p>;
  const path = `/v1/clients/${client.id}`;
  return (
    <section className="page" aria-labelledby="client-title">
      <p><Link to="/clients">← Clients</Link></p>
      <div className="page-head">
        <h1 id="client-title">
          {client.name} {client.archived_at && <span className="badge">archived</span>}
        </h1>
        <ArchiveButton client={client} onChanged={setRecord} />
      </div>
      <div className="columns">
        <div>
          <EditClient key={`${client.id}:${loads}`} client={client} onSaved={setRecord} onReload={reload} />
          <ContactsPanel clientId={client.id} />
          <ClientDeals clientId={client.id} />
          <ClientOrders clientId={client.id} />
        </div>
        <div>
          <RecordTasks type="client" id={client.id} />
          <NotesPanel parent={path} />
          <TimelinePanel clientId={client.id} />
        </div>
      </div>
    </section>
  );
}

function ArchiveButton({ client, onChanged }: { client: Client; onChanged: (c: Client) => void }) {
  const { can } = useSession();
  const action = client.archived_at ? "restore" : "archive";
  const { busy, error, onSubmit } = useSubmit(async () => {
    onChanged(await api<Client>("POST", `/v1/clients/${client.id}/${action}`, {}));
  });
  if (!can("clients:write")) return null;
  return (
    <div className="actions">
      <button type="button" onClick={() => void onSubmit()} disabled={busy} aria-busy={busy}>
        {busy ? "Working…" : client.archived_at ? "Restore client" : "Archive client"}
      </button>
      <FormError message={error?.summary} />
    </div>
  );
}

function EditClient({ client, onSaved, onReload }: {
  client: Client;
  onSaved: (c: Client) => void;
  onReload: () => void;
}) {
  const { can } = useSession();
  const [form, setForm] = useState({
    name: client.name, kind: client.kind, email: client.email ?? "", phone: client.phone ?? "",
    website: client.website ?? "", notes: client.notes ?? "", currency: client.currency ?? "",
  });
  const [saved, setSaved] = useState(false);
  const customFields = useCustomFields("client");
  const [custom, setCustom] = useState(client.custom_fields ?? {});
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setSaved(false);
    setForm({ ...form, [key]: e.target.value });
  };
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = { ...form, custom_fields: changedCustomValues(client.custom_fields ?? {}, custom) };
    onSaved(await api<Client>("PATCH", `/v1/clients/${client.id}`, body, { ifMatch: client.version }));
    setSaved(true);
  });
  const readOnly = !can("clients:write");
  return (
    <EditForm label="Client details" fields={[...CLIENT_FIELDS, ...customFieldNames(customFields)]} error={error} busy={busy} saved={saved}
              readOnly={readOnly} onSubmit={onSubmit} onReload={onReload}>
        <ClientFields form={form} set={set} error={error} />
        <TextField label="About" value={form.notes} onChange={set("notes")} error={error?.forField("notes")} />
        <CustomFieldInputs fields={customFields} values={custom} error={error}
                           onChange={(v) => { setSaved(false); setCustom(v); }} />
    </EditForm>
  );
}
