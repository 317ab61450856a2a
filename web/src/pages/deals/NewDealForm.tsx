import { useState } from "react";
import { api } from "../../api/client";
import type { Deal, Pipeline, Stage } from "../../api/types";
import { ClientPicker } from "../../components/ClientPicker";
import { FormError, SelectField, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useSession } from "../../session/SessionContext";

const FIELDS = ["title", "client_id", "stage_id", "value", "currency", "expected_close_date"];

export function NewDealForm({ pipeline, stages, onDone }: {
  pipeline: Pipeline;
  stages: Stage[];
  onDone: (deal: Deal | null) => void;
}) {
  const { me } = useSession();
  const [form, setForm] = useState({
    title: "", client_id: "", stage_id: stages[0]?.id ?? "", value: "", expected_close_date: "",
    currency: me?.organization.default_currency || "USD",
  });
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = { ...Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")), pipeline_id: pipeline.id };
    onDone(await api<Deal>("POST", "/v1/deals", body, { idempotencyKey }));
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label="New deal">
      <h2>New deal</h2>
      <FormError message={unplacedMessage(error, FIELDS)} />
      <div className="grid">
        <TextField label="Title" required autoFocus value={form.title} onChange={set("title")}
                   error={error?.forField("title")} />
        <ClientPicker value={form.client_id} onChange={(id) => setForm({ ...form, client_id: id })}
                      error={error?.forField("client_id")} />
        <SelectField label="Stage" value={form.stage_id} onChange={set("stage_id")} error={error?.forField("stage_id")}>
          {stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <TextField label="Value" inputMode="decimal" value={form.value} onChange={set("value")}
                   error={error?.forField("value")} />
        <TextField label="Currency" maxLength={3} value={form.currency} error={error?.forField("currency")}
                   onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} />
        <TextField label="Expected close" type="date" value={form.expected_close_date} onChange={set("expected_close_date")}
                   error={error?.forField("expected_close_date")} />
      </div>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Saving…">Create deal</SubmitButton>
        <button type="button" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}
