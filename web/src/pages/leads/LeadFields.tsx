// The fields a lead is created and edited with, the same in both forms.

import type { ChangeEvent } from "react";
import type { ApiError } from "../../api/errors";
import { LEAD_SOURCES } from "../../api/types";
import { SelectField, TextField } from "../../components/Field";

export interface LeadContact {
  name: string;
  company: string;
  email: string;
  phone: string;
  source: string;
}

type Change = (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;

export function LeadContactFields({ form, set, error, focusName = false }: {
  form: LeadContact;
  set: (key: keyof LeadContact) => Change;
  error: ApiError | null;
  focusName?: boolean;
}) {
  return (
    <>
      <TextField label="Name" required autoFocus={focusName} value={form.name} onChange={set("name")}
                 error={error?.forField("name")} />
      <TextField label="Company" value={form.company} onChange={set("company")} error={error?.forField("company")} />
      <TextField label="E-mail" type="email" value={form.email} onChange={set("email")} error={error?.forField("email")} />
      <TextField label="Phone" type="tel" value={form.phone} onChange={set("phone")} error={error?.forField("phone")} />
      <SelectField label="Source" value={form.source} onChange={set("source")} error={error?.forField("source")}>
        {LEAD_SOURCES.map((s) => <option key={s} value={s}>{s}</option>)}
      </SelectField>
    </>
  );
}
