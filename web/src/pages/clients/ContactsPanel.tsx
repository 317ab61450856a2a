// The people at a client: one primary, the others listed after it; add,
// make primary, remove.

import { useState } from "react";
import { api } from "../../api/client";
import type { Contact } from "../../api/types";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useAction } from "../../components/useAction";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";

const FIELDS = ["name", "email", "phone", "title"];

export function ContactsPanel({ clientId }: { clientId: string }) {
  const { can } = useSession();
  const { rows, loading, done, error, loadMore, reload } = usePages<Contact>(
    `/v1/clients/${clientId}/contacts`, { sort: "name" }, 50);
  const [adding, setAdding] = useState(false);
  const { run: change, problem, running: changing } = useAction(reload);
  const write = can("clients:write");
  const contacts = [...rows].sort((a, b) => Number(!!b.is_primary) - Number(!!a.is_primary));
  return (
    <section className="card" aria-labelledby="contacts-title">
      <div className="page-head">
        <h2 id="contacts-title">Contacts</h2>
        {write && !adding && <button type="button" onClick={() => setAdding(true)}>Add contact</button>}
      </div>
      {adding && <NewContact clientId={clientId} onDone={(added) => { setAdding(false); if (added) reload(); }} />}
      <FormError message={(problem ?? error)?.summary} />
      <ul className="plain-list" aria-label="Contacts" aria-busy={loading || changing}>
        {contacts.map((c) => (
          <li key={c.id} className="contact">
            <div>
              <strong>{c.name}</strong> {c.is_primary && <span className="badge badge-qualified">primary</span>}
              <div className="muted">{[c.title, c.email, c.phone].filter(Boolean).join(" · ")}</div>
            </div>
            {write && (
              <div className="actions">
                {!c.is_primary && (
                  <button type="button" aria-label={`Make ${c.name} the primary contact`} disabled={changing} onClick={() => void change(() =>
                    api("PATCH", `/v1/contacts/${c.id}`, { is_primary: true }))}>
                    Make primary
                  </button>
                )}
                <button type="button" aria-label={`Remove ${c.name}`} disabled={changing} onClick={() => {
                  if (window.confirm(`Remove ${c.name} from this client's contacts?`)) {
                    void change(() => api("DELETE", `/v1/contacts/${c.id}`));
                  }
                }}>
                  Remove
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted">No contacts yet.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </section>
  );
}

function NewContact({ clientId, onDone }: { clientId: string; onDone: (added: boolean) => void }) {
  const [form, setForm] = useState({ name: "", title: "", email: "", phone: "" });
  const [primary, setPrimary] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = { ...Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")), is_primary: primary };
    await api<Contact>("POST", `/v1/clients/${clientId}/contacts`, body, { idempotencyKey });
    onDone(true);
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New contact" className="inline-form">
      <FormError message={unplacedMessage(error, FIELDS)} />
      <div className="grid">
        <TextField label="Contact name" required autoFocus value={form.name} onChange={set("name")}
                   error={error?.forField("name")} />
        <TextField label="Job title" value={form.title} onChange={set("title")} error={error?.forField("title")} />
        <TextField label="Contact e-mail" type="email" value={form.email} onChange={set("email")}
                   error={error?.forField("email")} />
        <TextField label="Contact phone" type="tel" value={form.phone} onChange={set("phone")}
                   error={error?.forField("phone")} />
      </div>
      <label className="check">
        <input type="checkbox" checked={primary} onChange={(e) => setPrimary(e.target.checked)} /> Primary contact
      </label>
      <div className="actions">
        <SubmitButton busy={busy} busyText="Adding…">Add</SubmitButton>
        <button type="button" onClick={() => onDone(false)}>Cancel</button>
      </div>
    </form>
  );
}
