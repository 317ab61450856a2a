// A change made from a list (remove, revoke, make default, make primary):
// one at a time, its error kept to be shown, the list shown afresh after.

import { useCallback, useRef, useState } from "react";
import type { ApiError } from "../api/errors";

export function useAction(after: () => void) {
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const busy = useRef(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    setProblem(null);
    try {
      await action();
      after();
    } catch (e) {
      setProblem(e as ApiError);
    } finally {
      busy.current = false;
      setRunning(false);
    }
  }, [after]);
  return { run, problem, running };
}
