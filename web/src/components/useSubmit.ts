// A form's submission: busy while it runs, and the API's error kept so each
// field can show its own problem.

import { useCallback, useState, type FormEvent } from "react";
import { ApiError } from "../api/errors";

export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const onSubmit = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      if (busy) return;
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, "UNKNOWN", String(e)));
      } finally {
        setBusy(false);
      }
    },
    [action, busy],
  );
  return { busy, error, onSubmit, setError };
}

// The message for the top of the form: what no field shows.
export function unplacedMessage(error: ApiError | null, fields: string[]): string | undefined {
  if (!error) return undefined;
  const placed = error.details.length > 0 && error.details.every((d) => fields.includes(d.field));
  return placed ? "Check the fields marked below." : error.summary;
}
