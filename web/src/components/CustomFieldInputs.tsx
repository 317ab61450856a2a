// The organization's custom fields for a record type, as inputs of their
// types; errors from the API (custom_fields.<key>) under each.

import { useEffect, useState } from "react";
import { apiAll } from "../api/client";
import type { ApiError } from "../api/errors";
import type { CustomField } from "../api/types";
import { SelectField, TextField } from "./Field";

export type CustomValues = Record<string, unknown>;

export function useCustomFields(entity: string): CustomField[] {
  const [fields, setFields] = useState<CustomField[]>([]);
  useEffect(() => {
    apiAll<CustomField>(`/v1/custom-fields?entity=${entity}`).then(setFields, () => setFields([]));
  }, [entity]);
  return fields;
}

// What changed, for a PATCH that merges: a key set, null for one cleared;
// nothing when nothing did.
export function changedCustomValues(before: CustomValues, after: CustomValues): CustomValues | undefined {
  const changed: CustomValues = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const value = after[key] === "" || after[key] === undefined ? null : after[key];
    if (JSON.stringify(value) !== JSON.stringify(before[key] ?? null)) changed[key] = value;
  }
  return Object.keys(changed).length ? changed : undefined;
}

export function CustomFieldInputs({ fields, values, onChange, error }: {
  fields: CustomField[];
  values: CustomValues;
  onChange: (values: CustomValues) => void;
  error: ApiError | null;
}) {
  const set = (key: string, value: unknown) => onChange({ ...values, [key]: value });
  return (
    <>
      {fields.map((f) => {
        const problem = error?.forField(`custom_fields.${f.key}`);
        const label = f.required ? `${f.label} (required)` : f.label;
        const value = values[f.key];
        switch (f.type) {
          case "boolean":
            return (
              <label key={f.key} className="check">
                <input type="checkbox" checked={value === true} onChange={(e) => set(f.key, e.target.checked)} /> {f.label}
                {problem && <small className="field-error" role="alert">{problem}</small>}
              </label>
            );
          case "select":
            return (
              <SelectField key={f.key} label={label} value={String(value ?? "")} error={problem}
                           onChange={(e) => set(f.key, e.target.value)}>
                <option value="">—</option>
                {(f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
              </SelectField>
            );
          case "multiselect": {
            const chosen = Array.isArray(value) ? (value as string[]) : [];
            return (
              <fieldset key={f.key} className="field" aria-invalid={problem ? true : undefined}>
                <legend>{label}</legend>
                {(f.options ?? []).map((o) => (
                  <label key={o} className="check">
                    <input type="checkbox" checked={chosen.includes(o)}
                           onChange={(e) => set(f.key, e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} /> {o}
                  </label>
                ))}
                {problem && <small className="field-error" role="alert">{problem}</small>}
              </fieldset>
            );
          }
          case "number":
            return (
              <TextField key={f.key} label={label} inputMode="decimal" value={value === undefined || value === null ? "" : String(value)}
                         error={problem}
                         onChange={(e) => set(f.key, e.target.value === "" || Number.isNaN(Number(e.target.value))
                                                      ? e.target.value : Number(e.target.value))} />
            );
          default:
            return (
              <TextField key={f.key} label={label} type={f.type === "date" ? "date" : "text"} value={String(value ?? "")}
                         error={problem} onChange={(e) => set(f.key, e.target.value)} />
            );
        }
      })}
    </>
  );
}
