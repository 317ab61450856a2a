// Custom fields: per record type, the extra fields its records carry, with
// their type, options and whether they are required.

import { useState } from "react";
import { api, wholeList } from "../../api/client";
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, type CustomField } from "../../api/types";
import { useAction } from "../../components/useAction";
import { useRecord } from "../../api/useRecord";
import { FormError, SelectField, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";

export function CustomFieldsSettings() {
  const { record, error, reload } = useRecord<{ data: CustomField[] }>("/v1/custom-fields", wholeList<CustomField>);
  const { run, problem } = useAction(reload);
  const remove = (field: CustomField) => {
    if (window.confirm(`Delete the field “${field.label}”? Records keep no value for it.`)) {
      void run(() => api("DELETE", `/v1/custom-fields/${field.id}`));
    }
  };
  return (
    <div>
      <NewCustomField onCreated={reload} />
      <FormError message={(problem ?? error)?.summary} />
      <table className="table" tabIndex={0} aria-label="Custom fields">
        <thead>
          <tr><th scope="col">Record</th><th scope="col">Label</th><th scope="col">Key</th><th scope="col">Type</th>
            <th scope="col">Required</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {(record?.data ?? []).map((f) => (
            <tr key={f.id}>
              <td>{f.entity}</td>
              <td>{f.label}</td>
              <td><code>{f.key}</code></td>
              <td>{f.type}{f.options?.length ? `: ${f.options.join(", ")}` : ""}</td>
              <td>{f.required ? "yes" : "no"}</td>
              <td><button type="button" aria-label={`Delete ${f.label}`} onClick={() => void remove(f)}>Delete</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewCustomField({ onCreated }: { onCreated: () => void }) {
  const empty = { entity: "lead", key: "", label: "", type: "text", options: "" };
  const [form, setForm] = useState(empty);
  const [required, setRequired] = useState(false);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const choices = form.type === "select" || form.type === "multiselect";
  const { busy, error, onSubmit } = useSubmit(async () => {
    const options = choices ? form.options.split(",").map((o) => o.trim()).filter(Boolean) : [];
    await api("POST", "/v1/custom-fields", { ...form, options, required });
    setForm(empty);
    setRequired(false);
    onCreated();
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="New custom field">
      <h2>New custom field</h2>
      <FormError message={unplacedMessage(error, ["entity", "key", "label", "type", "options", "required"])} />
      <div className="grid">
        <SelectField label="On" value={form.entity} onChange={set("entity")} error={error?.forField("entity")}>
          {CUSTOM_FIELD_ENTITIES.map((e) => <option key={e} value={e}>{e}s</option>)}
        </SelectField>
        <TextField label="Label" required value={form.label} error={error?.forField("label")}
                   onChange={(e) => setForm({ ...form, label: e.target.value,
                     key: form.key === keyOf(form.label) ? keyOf(e.target.value) : form.key })} />
        <TextField label="Key" required value={form.key} onChange={set("key")} error={error?.forField("key")}
                   hint="How the API names it: a-z, 0-9 and _." />
        <SelectField label="Type" value={form.type} onChange={set("type")} error={error?.forField("type")}>
          {CUSTOM_FIELD_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        </SelectField>
        {choices && (
          <TextField label="Options" value={form.options} onChange={set("options")} error={error?.forField("options")}
                     hint="Up to 100, separated by commas." />
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> Required
      </label>
      <SubmitButton busy={busy} busyText="Creating…">Create field</SubmitButton>
    </form>
  );
}

// A key from a label: "Budget (EUR)" → "budget_eur".
function keyOf(label: string): string {
  return label.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 50);
}
