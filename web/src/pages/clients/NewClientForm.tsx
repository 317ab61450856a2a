import { useState } from "react";
import { api } from "../../api/client";
import type { Client } from "../../api/types";
import { FormError, SubmitButton } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { CLIENT_FIELDS, ClientFields } from "./ClientFields";

export function NewClientForm({ onDone }: { onDone: (created: boolean) => void }) {
  const [form, setForm] = useState({ name: "", kind: "company", email: "", phone: "", website: "", currency: "" });
  // One key per form: a retry after a lost answer cannot create it twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ""));
    await api<Client>("POST", "/v1/clients", body, { idempotencyKey });
    onDone(true);
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label="New client">
      <h2>New client</h2>
      <FormError message={unplacedMessage(error, CLIENT_FIELDS)} />
      <div className="grid">
        <ClientFields form={form} set={set} error={error} focusName />
      </div>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Saving…">Create client</SubmitButton>
        <button type="button" onClick={() => onDone(false)}>Cancel</button>
      </div>
    </form>
  );
}
