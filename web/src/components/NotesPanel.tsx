// The notes on a lead, client, deal or order: newest first, a box to add
// one, more on request.

import { useState } from "react";
import { api } from "../api/client";
import type { Note } from "../api/types";
import { formatDateTime } from "../format";
import { usePages } from "../lists/usePages";
import { useSession } from "../session/SessionContext";
import { FormError, SubmitButton } from "./Field";
import { useSubmit } from "./useSubmit";

export function NotesPanel({ parent }: { parent: string }) {
  const { can } = useSession();
  const { rows, loading, done, error, loadMore, replace } = usePages<Note>(`${parent}/notes`, {}, 20);
  const [body, setBody] = useState("");
  const submit = useSubmit(async () => {
    const note = await api<Note>("POST", `${parent}/notes`, { body });
    replace((old) => [note, ...old]);
    setBody("");
  });
  if (!can("notes:read")) return null;
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      {can("notes:write") && (
        <form onSubmit={submit.onSubmit} aria-label="New note" className="stack">
          <label htmlFor="note-body" className="visually-hidden">New note</label>
          <textarea id="note-body" rows={3} placeholder="Write a note…" value={body}
                    aria-invalid={submit.error?.forField("body") ? true : undefined}
                    onChange={(e) => setBody(e.target.value)} />
          <FormError message={submit.error?.forField("body") ?? submit.error?.summary} />
          <div className="actions">
            <SubmitButton busy={submit.busy} busyText="Adding…">Add note</SubmitButton>
          </div>
        </form>
      )}
      <FormError message={error?.summary} />
      <ul className="plain-list" aria-label="Notes" aria-busy={loading}>
        {rows.map((note) => (
          <li key={note.id}>
            <p className="note-body">{note.body}</p>
            <small className="muted">{formatDateTime(note.created_at)}</small>
          </li>
        ))}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted">No notes yet.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>{loading ? "Loading…" : "Show more"}</button>}
    </section>
  );
}
