import { useState } from "react";
import { api } from "../../api/client";
import type { Lead } from "../../api/types";
import { FormError, SubmitButton } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { LeadContactFields } from "./LeadFields";

const FIELDS = ["name", "email", "phone", "company", "source"];

export function NewLeadForm({ onDone }: { onDone: (created: boolean) => void }) {
  const [form, setForm] = useState({ name: "", email: "", phone: "", company: "", source: "manual" });
  // One key per form: a retry after a lost answer cannot create it twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ""));
    await api<Lead>("POST", "/v1/leads", body, { idempotencyKey });
    onDone(true);
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label="New lead">
      <h2>New lead</h2>
      <FormError message={unplacedMessage(error, FIELDS)} />
      <div className="grid">
        <LeadContactFields form={form} set={set} error={error} focusName />
      </div>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Saving…">Create lead</SubmitButton>
        <button type="button" onClick={() => onDone(false)}>Cancel</button>
      </div>
    </form>
  );
}
