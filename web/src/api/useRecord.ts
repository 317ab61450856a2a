// One record loaded from the API: the record, the error if it could not
// be, and a reload (nothing is asked while `path` is empty). Each load from the server counts up `loads`, so a form
// keyed on it starts afresh with what the server has.

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "./client";
import type { ApiError } from "./errors";

export function useRecord<T>(path: string) {
  const [record, setRecord] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loads, setLoads] = useState(0);
  const loadedPath = useRef(path);
  const reload = useCallback(() => {
    setError(null);
    // A new path: not the last one's record under it while it loads.
    if (loadedPath.current !== path) {
      loadedPath.current = path;
      setRecord(null);
    }
    if (!path) return undefined;
    let current = true;
    api<T>("GET", path).then(
      (r) => {
        if (!current) return;
        setRecord(r);
        setLoads((n) => n + 1);
      },
      (e) => current && setError(e as ApiError),
    );
    return () => {
      current = false;
    };
  }, [path]);
  useEffect(reload, [reload]);
  return { record, setRecord, error, reload, loads };
}
