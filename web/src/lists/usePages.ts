// The leads list as the server pages it: the first page for the current
// filters, then the next ones as the list is scrolled. A change of filters
// starts over and drops answers to the old ones.

import { useCallback, useEffect, useRef, useState } from "react";
import { api, query, type Page } from "../../api/client";
import type { ApiError } from "../../api/errors";
import type { Lead } from "../../api/types";

export interface LeadFilters {
  q: string;
  status: string;
  source: string;
  sort: string;
}

export function useLeadPages(filters: LeadFilters) {
  const [rows, setRows] = useState<Lead[]>([]);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  // Refs, not state: an effect of a render from before the last answer can
  // still run after it, and must see that answer's cursor, or the same page
  // would be asked for (and shown) twice.
  const nextCursor = useRef<string | undefined>();
  const inFlight = useRef(false);

  const load = useCallback(
    async (from: string | undefined, reset: boolean) => {
      const mine = ++generation.current;
      inFlight.current = true;
      if (reset) nextCursor.current = undefined;
      setLoading(true);
      try {
        const page = await api<Page<Lead>>(
          "GET", `/v1/leads${query({ limit: 200, cursor: from, q: filters.q, status: filters.status,
                                      source: filters.source, sort: filters.sort })}`);
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
    [filters.q, filters.status, filters.source, filters.sort],
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
  return { rows, loading, done, error, loadMore, reload };
}
