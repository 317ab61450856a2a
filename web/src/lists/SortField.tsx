// A list page's sort menu: the orders the API offers for that list, by the
// `sort` values it takes, in the words people read.

import { SelectField } from "../components/Field";

export type SortOption = [value: string, label: string];

export const NEWEST_FIRST: SortOption[] = [["-created_at", "Newest first"], ["created_at", "Oldest first"]];
export const BY_NAME: SortOption[] = [["name", "Name A–Z"], ["-name", "Name Z–A"]];

export function SortField({ value, options, onChange }: {
  value: string;
  options: SortOption[];
  onChange: (sort: string) => void;
}) {
  return (
    <SelectField label="Sort" value={value} onChange={(e) => onChange(e.target.value)}>
      {options.map(([sort, label]) => <option key={sort} value={sort}>{label}</option>)}
    </SelectField>
  );
}
