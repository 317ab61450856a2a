// The fields a client is created and edited with, the same in both forms.

import type { ChangeEvent } from "react";
import type { ApiError } from "../../api/errors";
import { CLIENT_KINDS } from "../../api/types";
import { CurrencyField, SelectField, TextField } from "../../components/Field";

export interface ClientForm {
  name: string;
  kind: string;
  email: string;
  phone: string;
  website: string;
  currency: string;
}

export const CLIENT_FIELDS = ["name", "kind", "email", "phone", "website", "notes", "currency"];

type Change = (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;

export function ClientFields({ form, set, error, focusName = false }: {
  form: ClientForm;
  set: (key: keyof ClientForm) => Change;
  error: ApiError | null;
  focusName?: boolean;
}) {
  return (
    <>
      <TextField label="Name" required autoFocus={focusName} value={form.name} onChange={set("name")}
                 error={error?.forField("name")} />
      <SelectField label="Kind" value={form.kind} onChange={set("kind")} error={error?.forField("kind")}>
        {CLIENT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
      </SelectField>
      <TextField label="E-mail" type="email" value={form.email} onChange={set("email")} error={error?.forField("email")} />
      <TextField label="Phone" type="tel" value={form.phone} onChange={set("phone")} error={error?.forField("phone")} />
      <TextField label="Website" type="url" value={form.website} onChange={set("website")}
                 error={error?.forField("website")} />
      <CurrencyField label="Billing currency" optional value={form.currency} error={error?.forField("currency")}
                     hint="Its orders start in it; none: the organization's."
                     onChange={(code) => set("currency")({ target: { value: code } } as ChangeEvent<HTMLSelectElement>)} />
    </>
  );
}
