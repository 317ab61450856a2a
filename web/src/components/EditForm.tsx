// The frame of a record's edit form: the problems no field shows, the way
// to the current version after a conflict, the fields (read only for those
// who may not write), the save button and the word that it saved.

import type { FormEvent, ReactNode } from "react";
import type { ApiError } from "../api/errors";
import { FormError, SubmitButton } from "./Field";
import { unplacedMessage } from "./useSubmit";

export function EditForm({ label, fields, error, busy, saved, readOnly, onSubmit, onReload, children }: {
  label: string;
  fields: string[];  // the API's names of the fields shown, so their errors are not repeated above
  error: ApiError | null;
  busy: boolean;
  saved: boolean;
  readOnly: boolean;
  onSubmit: (event?: FormEvent) => void;
  onReload: () => void;
  children: ReactNode;
}) {
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label={label}>
      <h2>Details</h2>
      <FormError message={unplacedMessage(error, fields)} />
      {error?.code === "VERSION_CONFLICT" && <button type="button" onClick={onReload}>Load the current version</button>}
      <fieldset disabled={readOnly || busy} className="grid">{children}</fieldset>
      {!readOnly && (
        <div className="actions">
          <SubmitButton busy={busy} busyText="Saving…">Save changes</SubmitButton>
          {saved && <span role="status" className="ok">Saved.</span>}
        </div>
      )}
    </form>
  );
}

// The API's names of custom fields, for `fields` above.
export const customFieldNames = (fields: { key: string }[]) => fields.map((f) => `custom_fields.${f.key}`);
