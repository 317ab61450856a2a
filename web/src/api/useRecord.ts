// One record loaded from the API: the record, the error if it could not
// be, and a reload (nothing is asked while `path` is empty). Each load from the server counts up `loads`, so a form
// keyed on it starts afresh with what the server has.

import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "./client";
import type { ApiError } from "./errors";

function getOne<T>(path: string): Promise<T> {
  return api<T>("GET", path);
}

// `load` reads it (a stable function: one defined outside the component);
// by default one GET.
export function useRecord<T>(path: string, load: (path: string) => Promise<T> = getOne) {
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
    load(path).then(
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
  }, [path, load]);
  useEffect(reload, [reload]);
  return { record, setRecord, error, reload, loads };
}
