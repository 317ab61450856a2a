// Choosing permissions by resource: every permission any role of the
// organization holds, grouped as `resource:action`, as checkboxes.

import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { Role } from "../../api/types";

export function usePermissionCatalog(): string[] {
  const [all, setAll] = useState<string[]>([]);
  useEffect(() => {
    api<{ data: Role[] }>("GET", "/v1/roles").then(
      (roles) => setAll([...new Set(roles.data.flatMap((r) => r.permissions))].sort()),
      () => setAll([]),
    );
  }, []);
  return all;
}

export function PermissionPicker({ legend, catalog, chosen, onChange, error, allowed }: {
  legend: string;
  catalog: string[];
  chosen: string[];
  onChange: (next: string[]) => void;
  error?: string;
  allowed?: (permission: string) => boolean;
}) {
  const groups = new Map<string, string[]>();
  for (const p of catalog) {
    const resource = p.split(":")[0];
    groups.set(resource, [...(groups.get(resource) ?? []), p]);
  }
  const toggle = (p: string, on: boolean) => onChange(on ? [...chosen, p] : chosen.filter((c) => c !== p));
  return (
    <fieldset className="permissions" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {error && <p className="field-error" role="alert">{error}</p>}
      <div className="permission-groups">
        {[...groups].map(([resource, permissions]) => (
          <div key={resource}>
            <strong>{resource.replace(/_/g, " ")}</strong>
            {permissions.map((p) => (
              <label key={p} className="check">
                <input type="checkbox" checked={chosen.includes(p)} disabled={allowed ? !allowed(p) : false}
                       onChange={(e) => toggle(p, e.target.checked)} />
                {p.split(":")[1]}
                <span className="visually-hidden"> ({resource})</span>
              </label>
            ))}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
