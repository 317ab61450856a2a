// A list as the server pages it (PRODUCT.md §7: limit and an opaque
// cursor): the first page for the current filters, then the next ones on
// demand. A change of path or filters starts over and drops answers to the
// old ones.

import { useCallback, useEffect, useRef, useState } from "react";
import { api, query, type Page } from "../api/client";
import type { ApiError } from "../api/errors";

export function usePages<T>(path: string, filters: Record<string, string>, limit = 200) {
  const [rows, setRows] = useState<T[]>([]);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  // Refs, not state: an effect of a render from before the last answer can
  // still run after it, and must see that answer's cursor, or the same page
  // would be asked for (and shown) twice.
  const nextCursor = useRef<string | undefined>();
  const inFlight = useRef(false);
  // The filters as one value, so a new object with the same filters is no change.
  const key = JSON.stringify([path, filters, limit]);

  const load = useCallback(
    async (from: string | undefined, reset: boolean) => {
      const mine = ++generation.current;
      inFlight.current = true;
      if (reset) nextCursor.current = undefined;
      setLoading(true);
      try {
        const page = await api<Page<T>>("GET", `${path}${query({ ...filters, limit, cursor: from })}`);
        if (mine !== generation.current) return;
        nextCursor.current = page.next_cursor;
        setRows((old) => (reset ? page.data : [...old, ...page.data]));
        setDone(!page.next_cursor);
        setError(null);
      } catch (e) {
        if (mine === generation.current) setError(e as ApiError);
      } finally {
        if (mine === generation.current) {
          inFlight.current = false;
          setLoading(false);
        }
      }
    },
    // `key` stands for path, filters and limit.
    [key],
  );

  useEffect(() => {
    setRows([]);
    setDone(false);
    void load(undefined, true);
  }, [load]);

  const loadMore = useCallback(() => {
    if (!inFlight.current && nextCursor.current) void load(nextCursor.current, false);
  }, [load]);
  const reload = useCallback(() => void load(undefined, true), [load]);
  // For a change made here (a card moved, a task done): the rows as shown
  // now, without asking the server again.
  const replace = useCallback((update: (rows: T[]) => T[]) => setRows(update), []);
  return { rows, loading, done, error, loadMore, reload, replace };
}
