// A list's filters kept in the URL, so a view can be shared and the back
// button works; the search box updates the list a moment after typing stops.

import { useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";

export function useUrlFilters(defaults: Record<string, string>) {
  const [params, setParams] = useSearchParams();
  const filters: Record<string, string> = {};
  for (const [key, fallback] of Object.entries(defaults)) filters[key] = params.get(key) ?? fallback;

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== defaults[key]) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const q = filters.q ?? "";
  const [search, setSearch] = useState(q);
  // The URL wins when it changes by itself (a link, the back button).
  useEffect(() => setSearch(q), [q]);
  useEffect(() => {
    const timer = setTimeout(() => search !== q && setFilter("q", search), 300);
    return () => clearTimeout(timer);
  });
  return { filters, setFilter, search, setSearch };
}
