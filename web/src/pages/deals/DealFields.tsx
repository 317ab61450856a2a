// The fields a deal is created and edited with, the same in both forms.

import type { ApiError } from "../../api/errors";
import type { Stage } from "../../api/types";
import { CurrencyField, SelectField, TextField } from "../../components/Field";

export interface DealFigures {
  stage_id: string;
  value: string;
  currency: string;
  expected_close_date: string;
}

export function DealFields({ form, stages, change, error }: {
  form: DealFigures;
  stages: Stage[];
  change: (key: keyof DealFigures, value: string) => void;
  error: ApiError | null;
}) {
  return (
    <>
      <SelectField label="Stage" value={form.stage_id} onChange={(e) => change("stage_id", e.target.value)}
                   error={error?.forField("stage_id")}>
        {stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </SelectField>
      <TextField label="Value" inputMode="decimal" value={form.value} onChange={(e) => change("value", e.target.value)}
                 error={error?.forField("value")} />
      <CurrencyField value={form.currency} error={error?.forField("currency")} onChange={(c) => change("currency", c)} />
      <TextField label="Expected close" type="date" value={form.expected_close_date}
                 onChange={(e) => change("expected_close_date", e.target.value)}
                 error={error?.forField("expected_close_date")} />
    </>
  );
}
