// Tags: the organization's vocabulary; renamed or deleted everywhere at once.

import { useState } from "react";
import { api } from "../../api/client";
import type { Tag } from "../../api/types";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useAction } from "../../components/useAction";
import { usePages } from "../../lists/usePages";

export function TagsSettings() {
  const { rows, loading, done, error, loadMore, reload } = usePages<Tag>("/v1/tags", {}, 100);
  const { run: act, problem } = useAction(reload);
  return (
    <div>
      <NewTag onCreated={reload} />
      <FormError message={(problem ?? error)?.summary} />
      <ul className="plain-list" aria-label="Tags" aria-busy={loading}>
        {rows.map((t) => (
          <li key={t.id} className="split">
            <span><span className="swatch" style={{ background: t.color || "#e5e7eb" }} aria-hidden="true" /> {t.name}</span>
            <span className="actions">
              <button type="button" aria-label={`Rename ${t.name}`} onClick={() => {
                const name = window.prompt(`Rename “${t.name}” on every record to:`, t.name);
                if (name && name !== t.name) void act(() => api("PATCH", `/v1/tags/${t.id}`, { name }, { ifMatch: t.version }));
              }}>Rename</button>
              <button type="button" aria-label={`Delete ${t.name}`} onClick={() => {
                if (window.confirm(`Delete “${t.name}” from every record?`)) void act(() => api("DELETE", `/v1/tags/${t.id}`));
              }}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted">No tags yet.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </div>
  );
}

function NewTag({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [color, setColor] = useState("#2563eb");
  const { busy, error, onSubmit } = useSubmit(async () => {
    await api("POST", "/v1/tags", { name, color });
    setName("");
    onCreated();
  });
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="New tag">
      <FormError message={unplacedMessage(error, ["name", "color"])} />
      <div className="actions">
        <TextField label="Tag" required value={name} onChange={(e) => setName(e.target.value)} error={error?.forField("name")} />
        <TextField label="Colour" type="color" value={color} onChange={(e) => setColor(e.target.value)}
                   error={error?.forField("color")} />
        <SubmitButton busy={busy} busyText="Adding…">Add tag</SubmitButton>
      </div>
    </form>
  );
}
