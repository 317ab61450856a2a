import { useState } from "react";
import { api } from "../../api/client";
import type { Deal, Pipeline, Stage } from "../../api/types";
import { ClientPicker } from "../../components/ClientPicker";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useSession } from "../../session/SessionContext";
import { DealFields } from "./DealFields";

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
  const change = (key: keyof typeof form, value: string) => setForm({ ...form, [key]: value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = { ...Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")), pipeline_id: pipeline.id };
    onDone(await api<Deal>("POST", "/v1/deals", body, { idempotencyKey }));
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label="New deal">
      <h2>New deal</h2>
      <FormError message={unplacedMessage(error, FIELDS)} />
      <div className="grid">
        <TextField label="Title" required autoFocus value={form.title} onChange={(e) => change("title", e.target.value)}
                   error={error?.forField("title")} />
        <ClientPicker value={form.client_id} onChange={(id) => change("client_id", id)}
                      error={error?.forField("client_id")} />
        <DealFields form={form} stages={stages} change={change} error={error} />
      </div>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Saving…">Create deal</SubmitButton>
        <button type="button" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}
