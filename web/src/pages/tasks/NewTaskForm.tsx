import { useState } from "react";
import { api } from "../../api/client";
import { TASK_PRIORITIES, type Task } from "../../api/types";
import { FormError, SelectField, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";

const FIELDS = ["title", "description", "due_at", "priority"];

export function NewTaskForm({ onDone, related }: {
  onDone: (created: boolean) => void;
  related?: { type: string; id: string };
}) {
  const [form, setForm] = useState({ title: "", description: "", due: "", priority: "normal" });
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    // The date and time typed are the person's own: sent as an instant.
    const due_at = form.due ? new Date(form.due).toISOString() : undefined;
    const body = { title: form.title, description: form.description || undefined, priority: form.priority, due_at, related };
    await api<Task>("POST", "/v1/tasks", body, { idempotencyKey });
    onDone(true);
  });
  return (
    <form className="card inline-form" onSubmit={onSubmit} noValidate aria-label="New task">
      <h2>New task</h2>
      <FormError message={unplacedMessage(error, FIELDS)} />
      <div className="grid">
        <TextField label="Title" required autoFocus value={form.title} onChange={set("title")} error={error?.forField("title")} />
        <TextField label="Due" type="datetime-local" value={form.due} onChange={set("due")} error={error?.forField("due_at")} />
        <SelectField label="Priority" value={form.priority} onChange={set("priority")} error={error?.forField("priority")}>
          {TASK_PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
        </SelectField>
        <TextField label="Details" value={form.description} onChange={set("description")}
                   error={error?.forField("description")} />
      </div>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Saving…">Create task</SubmitButton>
        <button type="button" onClick={() => onDone(false)}>Cancel</button>
      </div>
    </form>
  );
}
