// Roles: the system ones to read, custom ones to make, change and delete.

import { useState } from "react";
import { api } from "../../api/client";
import type { Role } from "../../api/types";
import { useAction } from "../../components/useAction";
import { useRecord } from "../../api/useRecord";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useSession } from "../../session/SessionContext";
import { PermissionPicker } from "./PermissionPicker";

export function RolesSettings() {
  const { can } = useSession();
  const { record, error, reload } = useRecord<{ data: Role[] }>("/v1/roles");
  const [editing, setEditing] = useState<Role | null>(null);
  const { run, problem } = useAction(reload);
  const roles = record?.data ?? [];
  const catalog = [...new Set(roles.flatMap((r) => r.permissions))].sort();
  const manage = can("roles:manage");
  const remove = (role: Role) => {
    if (window.confirm(`Delete the role “${role.name}”?`)) void run(() => api("DELETE", `/v1/roles/${encodeURIComponent(role.name)}`));
  };
  return (
    <div>
      {manage && (
        <RoleForm key={editing?.name ?? "new"} role={editing} catalog={catalog}
                  onDone={() => { setEditing(null); reload(); }} onCancel={() => setEditing(null)} />
      )}
      <FormError message={(problem ?? error)?.summary} />
      <ul className="plain-list" aria-label="Roles">
        {roles.map((r) => (
          <li key={r.name}>
            <div className="split">
              <strong>{r.name}{r.system && <span className="muted"> (built in)</span>}</strong>
              {manage && !r.system && (
                <span className="actions">
                  <button type="button" aria-label={`Change ${r.name}`} onClick={() => setEditing(r)}>Change</button>
                  <button type="button" aria-label={`Delete ${r.name}`} onClick={() => void remove(r)}>Delete</button>
                </span>
              )}
            </div>
            {r.description && <div>{r.description}</div>}
            <small className="muted">{r.permissions.join(", ")}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

function RoleForm({ role, catalog, onDone, onCancel }: {
  role: Role | null;
  catalog: string[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const { busy, error, onSubmit } = useSubmit(async () => {
    if (role) {
      await api("PATCH", `/v1/roles/${encodeURIComponent(role.name)}`, { description, permissions },
                { ifMatch: role.version });
    } else {
      await api("POST", "/v1/roles", { name, description, permissions });
      setName("");
      setDescription("");
      setPermissions([]);
    }
    onDone();
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label={role ? `Change the role ${role.name}` : "New role"}>
      <h2>{role ? `Change ${role.name}` : "New role"}</h2>
      <FormError message={unplacedMessage(error, ["name", "description", "permissions"])} />
      <div className="grid">
        <TextField label="Role name" required value={name} disabled={!!role} onChange={(e) => setName(e.target.value)}
                   error={error?.forField("name")} hint="Lower case, such as sales_lead." />
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)}
                   error={error?.forField("description")} />
      </div>
      <PermissionPicker legend="What the role may do" catalog={catalog} chosen={permissions} onChange={setPermissions}
                        error={error?.forField("permissions")} />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Saving…">{role ? "Save the role" : "Create role"}</SubmitButton>
        {role && <button type="button" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
