// Choosing a client by typing part of its name: the matches appear in a
// list to pick from, and a search that finds exactly one chooses it.

import { useEffect, useRef, useState } from "react";
import { api, query, type Page } from "../api/client";
import type { ApiError } from "../api/errors";
import type { Client } from "../api/types";
import { SelectField, TextField } from "./Field";

export function ClientPicker({ value, onChange, error }: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const [search, setSearch] = useState("");
  const [matches, setMatches] = useState<Client[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  // The latest choice, read when a search answers (not a reason to search again).
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api<Page<Client>>("GET", `/v1/clients${query({ q: search, limit: 20, sort: "name" })}`).then(
        (page) => {
          if (!current) return;
          setMatches(page.data);
          setProblem(undefined);
          // One match for what was typed, and nothing chosen yet: that is the one.
          if (search.trim() && page.data.length === 1 && !latest.current.value) {
            latest.current.onChange(page.data[0].id);
          }
        },
        (e: ApiError) => current && setProblem(`The clients cannot be searched: ${e.summary}`),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search]);
  // The chosen one stays in the list when a new search leaves it out.
  const [chosen, setChosen] = useState<Client | null>(null);
  useEffect(() => {
    if (value && chosen?.id !== value) {
      api<Client>("GET", `/v1/clients/${encodeURIComponent(value)}`).then(setChosen, (e: ApiError) => {
        setChosen(null);
        setProblem(`The chosen client cannot be shown: ${e.summary}`);
      });
    }
  }, [value, chosen]);
  const options = chosen && !matches.some((c) => c.id === chosen.id) ? [chosen, ...matches] : matches;
  return (
    <div className="picker">
      <TextField label="Find a client" type="search" value={search} placeholder="Part of the name or e-mail"
                 onChange={(e) => setSearch(e.target.value)} error={problem} />
      <SelectField label="Client" value={value} error={error} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a client…</option>
        {options.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </SelectField>
    </div>
  );
}
