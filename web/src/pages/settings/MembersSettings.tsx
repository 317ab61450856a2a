// Members and invitations: who is in the organization with which role;
// invite by e-mail (a client's member is tied to that client), change a
// role, deactivate.

import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { ApiError } from "../../api/errors";
import type { Member, Role } from "../../api/types";
import { ClientPicker } from "../../components/ClientPicker";
import { FormError, SelectField, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { formatDateTime } from "../../format";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";

function useRoles(): Role[] {
  const [roles, setRoles] = useState<Role[]>([]);
  useEffect(() => {
    api<{ data: Role[] }>("GET", "/v1/roles").then((r) => setRoles(r.data), () => setRoles([]));
  }, []);
  return roles;
}

export function MembersSettings() {
  const { me, can } = useSession();
  const roles = useRoles();
  const [status, setStatus] = useState("");
  const { rows, loading, done, error, loadMore, reload, replace } = usePages<Member>("/v1/users", { status }, 50);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const manage = can("users:manage");

  const change = async (action: () => Promise<Member | void>) => {
    setProblem(null);
    try {
      const updated = await action();
      if (updated) replace((old) => old.map((m) => (m.id === updated.id ? updated : m)));
      else reload();
    } catch (e) {
      setProblem(e as ApiError);
      if ((e as ApiError).code === "VERSION_CONFLICT") reload();
    }
  };

  return (
    <div>
      {manage && <InviteMember roles={roles} onInvited={reload} />}
      <div className="filters" role="search">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Everyone</option>
          <option value="active">Active</option>
          <option value="invited">Invited</option>
          <option value="deactivated">Deactivated</option>
        </SelectField>
      </div>
      <FormError message={(problem ?? error)?.summary} />
      <table className="table" tabIndex={0} aria-label="Members" aria-busy={loading}>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Status</th>
            <th scope="col">Last sign-in</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const self = m.id === me?.user.id;
            return (
              <tr key={m.id}>
                <td>{m.name}{self && <span className="muted"> (you)</span>}</td>
                <td>{m.email}</td>
                <td>
                  {manage && !self && m.status !== "deactivated" ? (
                    <select aria-label={`Role of ${m.name}`} value={m.role}
                            onChange={(e) => void change(() => api<Member>("PATCH", `/v1/users/${m.id}`,
                                                                              { role: e.target.value }, { ifMatch: m.version }))}>
                      {roles.map((r) => <option key={r.name} value={r.name}>{r.name}</option>)}
                    </select>
                  ) : m.role}
                </td>
                <td><span className={`badge badge-${m.status}`}>{m.status}</span></td>
                <td>{m.last_login_at ? formatDateTime(m.last_login_at) : "never"}</td>
                <td>
                  {manage && !self && m.status !== "deactivated" && (
                    <button type="button" aria-label={`Deactivate ${m.name}`} onClick={() => {
                      if (window.confirm(`Deactivate ${m.name}? They are signed out everywhere at once.`)) {
                        void change(() => api<void>("DELETE", `/v1/users/${m.id}`));
                      }
                    }}>Deactivate</button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </div>
  );
}

function InviteMember({ roles, onInvited }: { roles: Role[]; onInvited: () => void }) {
  const [form, setForm] = useState({ email: "", name: "", role: "agent", client_id: "" });
  const [sent, setSent] = useState("");
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = { email: form.email, name: form.name, role: form.role,
                   client_id: form.role === "client" ? form.client_id : undefined };
    await api<Member>("POST", "/v1/users", body, { idempotencyKey });
    setSent(form.email);
    setForm({ ...form, email: "", name: "", client_id: "" });
    setIdempotencyKey(crypto.randomUUID());
    onInvited();
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Invite a member">
      <h2>Invite someone</h2>
      <FormError message={unplacedMessage(error, ["email", "name", "role", "client_id"])} />
      <div className="grid">
        <TextField label="Their e-mail" type="email" required value={form.email} onChange={set("email")}
                   error={error?.forField("email")} />
        <TextField label="Their name" required value={form.name} onChange={set("name")} error={error?.forField("name")} />
        <SelectField label="Role" value={form.role} onChange={set("role")} error={error?.forField("role")}>
          {roles.map((r) => <option key={r.name} value={r.name}>{r.name}</option>)}
        </SelectField>
        {form.role === "client" && (
          <ClientPicker value={form.client_id} onChange={(id) => setForm({ ...form, client_id: id })}
                        error={error?.forField("client_id")} />
        )}
      </div>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Sending…">Send the invitation</SubmitButton>
        {sent && <span role="status" className="ok">Invitation sent to {sent}.</span>}
      </div>
    </form>
  );
}
