// Brands: the workspaces inside the organization, each with its own sender
// identity and, for white-label use, its own domain.

import { useState } from "react";
import { api } from "../../api/client";
import type { Brand } from "../../api/types";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useAction } from "../../components/useAction";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";

const FIELDS = ["name", "slug", "domain", "sender_name", "sender_email"];

export function BrandsSettings() {
  const { can } = useSession();
  const { rows, loading, done, error, loadMore, reload } = usePages<Brand>("/v1/brands", {}, 50);
  const { run, problem } = useAction(reload);
  const manage = can("brands:manage");
  const remove = (brand: Brand) => {
    if (window.confirm(`Delete the brand “${brand.name}”?`)) void run(() => api("DELETE", `/v1/brands/${brand.id}`));
  };
  return (
    <div>
      {manage && <NewBrand onCreated={reload} />}
      <FormError message={(problem ?? error)?.summary} />
      <table className="table" tabIndex={0} aria-label="Brands" aria-busy={loading}>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Domain</th><th scope="col">Sender</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
              <td>{b.name}</td>
              <td><code>{b.slug}</code></td>
              <td>{b.domain}</td>
              <td>{b.sender_name} {b.sender_email && <span className="muted">&lt;{b.sender_email}&gt;</span>}</td>
              <td>{manage && <button type="button" aria-label={`Delete ${b.name}`} onClick={() => void remove(b)}>Delete</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && done && rows.length === 0 && <p className="muted">No brands: everything belongs to the organization.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </div>
  );
}

function NewBrand({ onCreated }: { onCreated: () => void }) {
  const empty = { name: "", slug: "", domain: "", sender_name: "", sender_email: "" };
  const [form, setForm] = useState(empty);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    await api<Brand>("POST", "/v1/brands", Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")),
                     { idempotencyKey });
    setForm(empty);
    setIdempotencyKey(crypto.randomUUID());
    onCreated();
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="New brand">
      <h2>New brand</h2>
      <FormError message={unplacedMessage(error, FIELDS)} />
      <div className="grid">
        <TextField label="Brand name" required value={form.name} onChange={set("name")} error={error?.forField("name")} />
        <TextField label="Slug" value={form.slug} onChange={set("slug")} error={error?.forField("slug")}
                   hint="Made from the name when empty." />
        <TextField label="Domain" value={form.domain} onChange={set("domain")} error={error?.forField("domain")} />
        <TextField label="Sender name" value={form.sender_name} onChange={set("sender_name")}
                   error={error?.forField("sender_name")} />
        <TextField label="Sender e-mail" type="email" value={form.sender_email} onChange={set("sender_email")}
                   error={error?.forField("sender_email")} />
      </div>
      <SubmitButton busy={busy} busyText="Creating…">Create brand</SubmitButton>
    </form>
  );
}
