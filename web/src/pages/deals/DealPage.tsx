// One deal: its figures to edit, its stage with the history of how it got
// there, its notes, and an order to be made from it.

import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api/client";
import type { Client, Deal, Pipeline } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { LoadFailed } from "../../components/LoadFailed";
import { FormError, TextField } from "../../components/Field";
import { EditForm, customFieldNames } from "../../components/EditForm";
import { NotesPanel } from "../../components/NotesPanel";
import { useSubmit } from "../../components/useSubmit";
import { formatDateTime } from "../../format";
import { CustomFieldInputs, changedCustomValues, useCustomFields } from "../../components/CustomFieldInputs";
import { useSession } from "../../session/SessionContext";
import { DealFields } from "./DealFields";
import { RecordTasks } from "../tasks/RecordTasks";

const FIELDS = ["title", "value", "currency", "expected_close_date", "stage_id"];

export function DealPage() {
  const { id = "" } = useParams();
  const { record: deal, setRecord, error, reload, loads } = useRecord<Deal>(`/v1/deals/${encodeURIComponent(id)}`);
  const { record: pipelines, error: pipelinesError } = useRecord<{ data: Pipeline[] }>("/v1/pipelines");
  const { record: client } = useRecord<Client>(deal ? `/v1/clients/${deal.client_id}` : "");
  const { can } = useSession();
  if (error) return <LoadFailed error={error} what="deal" back="/deals" backLabel="Back to the board" />;
  if (!deal) return <p role="status" className="page">Loading the deal…</p>;
  const stages = pipelines?.data.find((p) => p.id === deal.pipeline_id)?.stages ?? [];
  const stageName = (stageId: string) => stages.find((s) => s.id === stageId)?.name ?? "a stage";
  return (
    <section className="page" aria-labelledby="deal-title">
      <p><Link to={`/deals?pipeline=${deal.pipeline_id}`}>← Deals</Link></p>
      <div className="page-head">
        <h1 id="deal-title">{deal.title} <span className={`badge badge-${deal.status}`}>{deal.status}</span></h1>
        {can("orders:write") && (
          <Link className="button" to={`/orders/new?client_id=${deal.client_id}&deal_id=${deal.id}`}>New order</Link>
        )}
      </div>
      {client && <p>Client: <Link to={`/clients/${client.id}`}>{client.name}</Link></p>}
      <FormError message={pipelinesError ? `The stages cannot be shown: ${pipelinesError.summary}` : undefined} />
      <div className="columns">
        <div>
          <EditDeal key={`${deal.id}:${loads}`} deal={deal} stages={stages} onSaved={setRecord} onReload={reload} />
          <section className="card" aria-labelledby="history-title">
            <h2 id="history-title">Stage history</h2>
            <ol className="timeline">
              {[...(deal.stage_history ?? [])].reverse().map((entry) => (
                <li key={`${entry.stage_id}:${entry.entered_at}`}>
                  <span className="muted">{formatDateTime(entry.entered_at)}</span>
                  <span>Entered {stageName(entry.stage_id)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div>
          <RecordTasks type="deal" id={deal.id} />
          <NotesPanel parent={`/v1/deals/${deal.id}`} />
        </div>
      </div>
    </section>
  );
}

// The edit form's values as the deal has them: its first state, and what
// a save compares against to send only what changed.
function formOf(deal: Deal) {
  return {
    title: deal.title, value: deal.value, currency: deal.currency, stage_id: deal.stage_id,
    expected_close_date: deal.expected_close_date ?? "",
  };
}

function EditDeal({ deal, stages, onSaved, onReload }: {
  deal: Deal;
  stages: Pipeline["stages"];
  onSaved: (d: Deal) => void;
  onReload: () => void;
}) {
  const { can } = useSession();
  const [form, setForm] = useState(() => formOf(deal));
  const [saved, setSaved] = useState(false);
  const customFields = useCustomFields("deal");
  const [custom, setCustom] = useState(deal.custom_fields ?? {});
  const change = (key: keyof typeof form, value: string) => {
    setSaved(false);
    setForm({ ...form, [key]: value });
  };
  const { busy, error, onSubmit } = useSubmit(async () => {
    // Only what was changed, at the version shown: a move made meanwhile on
    // the board is neither undone nor overwritten.
    const original = formOf(deal);
    const changed: Record<string, unknown> = Object.fromEntries(
      Object.entries(form).filter(([k, v]) => v !== original[k as keyof typeof original]));
    const customChanged = changedCustomValues(deal.custom_fields ?? {}, custom);
    if (customChanged) changed.custom_fields = customChanged;
    onSaved(await api<Deal>("PATCH", `/v1/deals/${deal.id}`, changed, { ifMatch: deal.version }));
    setSaved(true);
  });
  const readOnly = !can("deals:write");
  return (
    <EditForm label="Deal details" fields={[...FIELDS, ...customFieldNames(customFields)]} error={error} busy={busy} saved={saved}
              readOnly={readOnly} onSubmit={onSubmit} onReload={onReload}>
        <TextField label="Title" value={form.title} onChange={(e) => change("title", e.target.value)}
                   error={error?.forField("title")} />
        <DealFields form={form} stages={stages} change={change} error={error} />
        <CustomFieldInputs fields={customFields} values={custom} error={error}
                           onChange={(v) => { setSaved(false); setCustom(v); }} />
    </EditForm>
  );
}
