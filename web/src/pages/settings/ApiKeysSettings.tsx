// API keys: made with a name, permissions and an optional expiry; the
// secret is shown once, with a button to copy it; revoked at once.

import { useState } from "react";
import { api } from "../../api/client";
import type { ApiKey } from "../../api/types";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { formatDate, formatDateTime } from "../../format";
import { useAction } from "../../components/useAction";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";
import { PermissionPicker, usePermissionCatalog } from "./PermissionPicker";

export function ApiKeysSettings() {
  const { rows, loading, done, error, loadMore, reload } = usePages<ApiKey>("/v1/api-keys", {}, 50);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const { run, problem } = useAction(reload);
  const revoke = (key: ApiKey) => {
    if (window.confirm(`Revoke the key “${key.name}”? Programs using it stop working at once.`)) {
      void run(() => api("DELETE", `/v1/api-keys/${key.id}`));
    }
  };
  return (
    <div>
      {created ? <NewSecret apiKey={created} onDone={() => setCreated(null)} />
               : <NewApiKey onCreated={(k) => { setCreated(k); reload(); }} />}
      <FormError message={(problem ?? error)?.summary} />
      <table className="table" tabIndex={0} aria-label="API keys" aria-busy={loading}>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Permissions</th>
            <th scope="col">Last used</th><th scope="col">Expires</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {rows.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td><code>{k.prefix}…</code></td>
              <td>{k.permissions.join(", ")}</td>
              <td>{k.last_used_at ? formatDateTime(k.last_used_at) : "never"}</td>
              <td>{k.expires_at ? formatDate(k.expires_at) : "never"}</td>
              <td>
                {k.revoked_at ? <span className="badge badge-cancelled">revoked</span> : (
                  <button type="button" aria-label={`Revoke ${k.name}`} onClick={() => void revoke(k)}>Revoke</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && done && rows.length === 0 && <p className="muted">No API keys yet.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </div>
  );
}

function NewApiKey({ onCreated }: { onCreated: (key: ApiKey) => void }) {
  const { can } = useSession();
  const catalog = usePermissionCatalog();
  const [name, setName] = useState("");
  const [permissions, setPermissions] = useState<string[]>([]);
  const [expires, setExpires] = useState("");
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const { busy, error, onSubmit } = useSubmit(async () => {
    const expires_at = expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined;
    const key = await api<ApiKey>("POST", "/v1/api-keys", { name, permissions, expires_at }, { idempotencyKey });
    setName("");
    setPermissions([]);
    setExpires("");
    setIdempotencyKey(crypto.randomUUID());
    onCreated(key);
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="New API key">
      <h2>New API key</h2>
      <FormError message={unplacedMessage(error, ["name", "permissions", "expires_at"])} />
      <div className="grid">
        <TextField label="Key name" required value={name} placeholder="What uses it, e.g. Website form"
                   onChange={(e) => setName(e.target.value)} error={error?.forField("name")} />
        <TextField label="Expires on" type="date" value={expires} hint="Leave empty for a key that does not expire."
                   onChange={(e) => setExpires(e.target.value)} error={error?.forField("expires_at")} />
      </div>
      {/* A key can hold only what its maker holds. */}
      <PermissionPicker legend="What the key may do" catalog={catalog} chosen={permissions} onChange={setPermissions}
                        error={error?.forField("permissions")} allowed={can} />
      <SubmitButton busy={busy} busyText="Creating…">Create key</SubmitButton>
    </form>
  );
}

function NewSecret({ apiKey, onDone }: { apiKey: ApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState<"" | "yes" | "no">("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey.secret ?? "");
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section className="card secret" aria-labelledby="secret-title">
      <h2 id="secret-title">The key “{apiKey.name}”</h2>
      <p><strong>Copy it now: it is shown only this once.</strong> Sentra keeps only a hash of it.</p>
      <label htmlFor="new-secret" className="visually-hidden">The new key</label>
      <input id="new-secret" readOnly value={apiKey.secret ?? ""} onFocus={(e) => e.target.select()} className="secret-value" />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void copy()}>Copy the key</button>
        {copied === "yes" && <span role="status" className="ok">Copied.</span>}
        {copied === "no" && <span role="status">Select the key above and copy it yourself.</span>}
        <button type="button" onClick={onDone}>I have stored it</button>
      </div>
    </section>
  );
}
