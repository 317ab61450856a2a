// One lead: its details to edit (a stale edit is refused by the server and
// explained here, with a way to load the current version), and converting
// it into a client, with a deal if wanted.

import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api/client";
import type { ApiError } from "../../api/errors";
import { LEAD_STATUSES, type Client, type Conversion, type Lead } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { LoadFailed } from "../../components/LoadFailed";
import {
  CurrencyField, FormError, SelectField, SubmitButton, TextAreaField, TextField,
} from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { CustomFieldInputs, changedCustomValues, useCustomFields } from "../../components/CustomFieldInputs";
import { EditForm, customFieldNames } from "../../components/EditForm";
import { NotesPanel } from "../../components/NotesPanel";
import { useSession } from "../../session/SessionContext";
import { RecordTasks } from "../tasks/RecordTasks";
import { LeadContactFields } from "./LeadFields";

const FIELDS = ["name", "email", "phone", "company", "source", "status", "score", "notes"];

export function LeadPage() {
  const { id = "" } = useParams();
  const [lead, setLead] = useState<Lead | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  // Each load from the server starts the form afresh; a save does not.
  const [loads, setLoads] = useState(0);
  const load = useCallback(() => {
    setLoadError(null);
    api<Lead>("GET", `/v1/leads/${encodeURIComponent(id)}`).then((l) => {
      setLead(l);
      setLoads((n) => n + 1);
    }, setLoadError);
  }, [id]);
  useEffect(load, [load]);

  if (loadError) return <LoadFailed error={loadError} what="lead" back="/leads" backLabel="Back to leads" />;
  if (!lead) return <p role="status" className="page">Loading the lead…</p>;
  return (
    <section className="page" aria-labelledby="lead-title">
      <p><Link to="/leads">← Leads</Link></p>
      <h1 id="lead-title">{lead.name}</h1>
      <EditLead key={`${lead.id}:${loads}`} lead={lead} onSaved={setLead} onReload={load} />
      <ConvertLead lead={lead} onConverted={(c) => {
        // The form starts afresh from the converted lead: its status, its version.
        setLead(c.lead);
        setLoads((n) => n + 1);
      }} />
      <RecordTasks type="lead" id={lead.id} />
      <NotesPanel parent={`/v1/leads/${lead.id}`} />
    </section>
  );
}

function EditLead({ lead, onSaved, onReload }: { lead: Lead; onSaved: (l: Lead) => void; onReload: () => void }) {
  const { can } = useSession();
  const [form, setForm] = useState({
    name: lead.name, email: lead.email ?? "", phone: lead.phone ?? "", company: lead.company ?? "",
    source: lead.source, status: lead.status, score: String(lead.score ?? 0), notes: lead.notes ?? "",
  });
  const [saved, setSaved] = useState(false);
  const customFields = useCustomFields("lead");
  const [custom, setCustom] = useState(lead.custom_fields ?? {});
  const converted = lead.status === "converted";
  const set = (key: keyof typeof form) =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    setSaved(false);
    setForm({ ...form, [key]: e.target.value });
  };
  const { busy, error, onSubmit } = useSubmit(async () => {
    const score = Number(form.score);
    const { status, ...rest } = form;
    // A converted lead's status is not the form's to send.
    const body = { ...rest, ...(converted ? {} : { status }), score: Number.isInteger(score) ? score : form.score,
                   custom_fields: changedCustomValues(lead.custom_fields ?? {}, custom) };
    onSaved(await api<Lead>("PATCH", `/v1/leads/${lead.id}`, body, { ifMatch: lead.version }));
    setSaved(true);
  });
  const readOnly = !can("leads:write");
  return (
    <EditForm label="Lead details" fields={[...FIELDS, ...customFieldNames(customFields)]} error={error} busy={busy} saved={saved}
              readOnly={readOnly} onSubmit={onSubmit} onReload={onReload}>
        <LeadContactFields form={form} set={set} error={error} />
        {converted ? (
          <TextField label="Status" value="converted" readOnly hint="Set by converting the lead." />
        ) : (
          <SelectField label="Status" value={form.status} onChange={set("status")} error={error?.forField("status")}>
            {/* "converted" is what converting does, below; never chosen here. */}
            {LEAD_STATUSES.filter((s) => s !== "converted").map((s) => <option key={s} value={s}>{s}</option>)}
          </SelectField>
        )}
        <TextField label="Score" inputMode="numeric" value={form.score} onChange={set("score")} error={error?.forField("score")} />
        <TextAreaField label="Description" value={form.notes} onChange={set("notes")} error={error?.forField("notes")}
                       hint="What the lead is about, in a few lines. Dated notes go under Notes below." />
        <CustomFieldInputs fields={customFields} values={custom} error={error}
                           onChange={(v) => { setSaved(false); setCustom(v); }} />
    </EditForm>
  );
}

function ConvertLead({ lead, onConverted }: { lead: Lead; onConverted: (c: Conversion) => void }) {
  const { can, me } = useSession();
  const [withDeal, setWithDeal] = useState(true);
  const [dealTitle, setDealTitle] = useState(`${lead.company || lead.name} deal`);
  const [dealValue, setDealValue] = useState("0.00");
  const [currency, setCurrency] = useState(me?.organization.default_currency || "USD");
  const [result, setResult] = useState<Conversion | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = withDeal ? { deal: { title: dealTitle, value: dealValue, currency } } : {};
    const conversion = await api<Conversion>("POST", `/v1/leads/${lead.id}/convert`, body, { idempotencyKey });
    setResult(conversion);
    onConverted(conversion);
  });
  // What it became, for whoever reads the lead; converting, for those who may.
  if (lead.status === "converted" || result) return <Converted lead={lead} result={result} />;
  if (!can("leads:write") || !can("clients:write")) return null;
  return (
    <form className="card" onSubmit={onSubmit} aria-label="Convert lead">
      <h2>Convert to a client</h2>
      <FormError message={unplacedMessage(error, ["deal.title", "deal.value", "deal.currency"])} />
      <label className="check">
        <input type="checkbox" checked={withDeal} onChange={(e) => setWithDeal(e.target.checked)} /> Open a deal too
      </label>
      {withDeal && (
        <div className="grid">
          <TextField label="Deal title" value={dealTitle} onChange={(e) => setDealTitle(e.target.value)}
                     error={error?.forField("deal.title")} />
          <TextField label="Deal value" inputMode="decimal" value={dealValue}
                     onChange={(e) => setDealValue(e.target.value)} error={error?.forField("deal.value")} />
          <CurrencyField value={currency} onChange={setCurrency} error={error?.forField("deal.currency")} />
        </div>
      )}
      <SubmitButton busy={busy} busyText="Converting…">Convert lead</SubmitButton>
    </form>
  );
}

// What a converted lead became, with links: the client (its name read when
// the page was opened afresh), the deal and the contact when just made.
function Converted({ lead, result }: { lead: Lead; result: Conversion | null }) {
  const clientId = result?.client.id ?? lead.client_id ?? "";
  const { record: client } = useRecord<Client>(result || !clientId ? "" : `/v1/clients/${encodeURIComponent(clientId)}`);
  const clientName = result?.client.name ?? client?.name ?? "its client";
  return (
    <div className="card" role="status">
      <h2>Converted</h2>
      <p>
        This lead became the client{" "}
        {clientId ? <Link to={`/clients/${clientId}`}>{clientName}</Link> : clientName}
        {result?.deal && <> with the deal <Link to={`/deals/${result.deal.id}`}>{result.deal.title}</Link></>}
        {result?.contact && <>, and <strong>{result.contact.name}</strong> its primary contact</>}.
        {" "}Its notes and tasks are the client's now.
      </p>
    </div>
  );
}
