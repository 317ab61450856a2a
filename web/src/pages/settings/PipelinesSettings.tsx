// Pipelines: their stages in order, each with a probability and a kind
// (open, won, lost); made, changed, reordered, made the default, deleted.
// The API refuses to drop a stage, or change its kind, while live deals are
// in it, and says so here.

import { useState } from "react";
import { api } from "../../api/client";
import type { Pipeline, StageDraft } from "../../api/types";
import { useAction } from "../../components/useAction";
import { useRecord } from "../../api/useRecord";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";

const NEW_STAGES: StageDraft[] = [
  { id: "", name: "New", probability: 10, kind: "open" },
  { id: "", name: "Won", probability: 100, kind: "won" },
  { id: "", name: "Lost", probability: 0, kind: "lost" },
];

export function PipelinesSettings() {
  const { record, error, reload } = useRecord<{ data: Pipeline[] }>("/v1/pipelines");
  const [editing, setEditing] = useState<Pipeline | null>(null);
  const { run: act, problem } = useAction(reload);
  const pipelines = record?.data ?? [];
  return (
    <div>
      <PipelineForm key={editing?.id ?? "new"} pipeline={editing}
                    onDone={() => { setEditing(null); reload(); }} onCancel={() => setEditing(null)} />
      <FormError message={(problem ?? error)?.summary} />
      <ul className="plain-list" aria-label="Pipelines">
        {pipelines.map((p) => (
          <li key={p.id}>
            <div className="split">
              <strong>{p.name}{p.is_default && <span className="badge badge-qualified">default</span>}</strong>
              <span className="actions">
                <button type="button" aria-label={`Change ${p.name}`} onClick={() => setEditing(p)}>Change</button>
                {!p.is_default && (
                  <>
                    <button type="button" aria-label={`Make ${p.name} the default`} onClick={() => void act(() =>
                      api("PATCH", `/v1/pipelines/${p.id}`, { is_default: true }, { ifMatch: p.version }))}>
                      Make default
                    </button>
                    <button type="button" aria-label={`Delete ${p.name}`} onClick={() => {
                      if (window.confirm(`Delete the pipeline “${p.name}”?`)) void act(() => api("DELETE", `/v1/pipelines/${p.id}`));
                    }}>Delete</button>
                  </>
                )}
              </span>
            </div>
            <small className="muted">{[...p.stages].sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
              .map((s) => `${s.name} (${s.probability ?? 0} %)`).join(" → ")}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PipelineForm({ pipeline, onDone, onCancel }: {
  pipeline: Pipeline | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(pipeline?.name ?? "");
  const [stages, setStages] = useState<StageDraft[]>(() =>
    pipeline ? [...pipeline.stages].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)) : NEW_STAGES.map((s) => ({ ...s })));
  const { busy, error, onSubmit } = useSubmit(async () => {
    const body = {
      name,
      stages: stages.map((s, i) => ({ ...(s.id ? { id: s.id } : {}), name: s.name, position: i + 1,
                                      probability: Number(s.probability) || 0, kind: s.kind })),
    };
    if (pipeline) await api("PATCH", `/v1/pipelines/${pipeline.id}`, body, { ifMatch: pipeline.version });
    else await api("POST", "/v1/pipelines", body);
    onDone();
  });
  const set = (i: number, change: Partial<StageDraft>) => setStages(stages.map((s, k) => (k === i ? { ...s, ...change } : s)));
  const swap = (i: number, j: number) => {
    const next = [...stages];
    [next[i], next[j]] = [next[j], next[i]];
    setStages(next);
  };
  const stageFields = stages.flatMap((_, i) => ["name", "probability", "kind"].map((k) => `stages[${i}].${k}`));
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label={pipeline ? `Change the pipeline ${pipeline.name}` : "New pipeline"}>
      <h2>{pipeline ? `Change ${pipeline.name}` : "New pipeline"}</h2>
      <FormError message={unplacedMessage(error, ["name", "stages", ...stageFields])} />
      <TextField label="Pipeline name" required value={name} onChange={(e) => setName(e.target.value)}
                 error={error?.forField("name")} />
      <FormError message={error?.forField("stages")} />
      <ol className="stages-editor" aria-label="Stages">
        {stages.map((s, i) => (
          <li key={s.id || `new-${i}`}>
            <input aria-label={`Stage ${i + 1} name`} value={s.name} onChange={(e) => set(i, { name: e.target.value })}
                   aria-invalid={error?.forField(`stages[${i}].name`) ? true : undefined} />
            <input aria-label={`Stage ${i + 1} probability`} inputMode="numeric" className="narrow" value={String(s.probability ?? 0)}
                   onChange={(e) => set(i, { probability: Number(e.target.value.replace(/\D/g, "")) })} />
            <select aria-label={`Stage ${i + 1} kind`} value={s.kind} onChange={(e) => set(i, { kind: e.target.value as StageDraft["kind"] })}>
              <option value="open">open</option><option value="won">won</option><option value="lost">lost</option>
            </select>
            <button type="button" aria-label={`Move stage ${i + 1} up`} disabled={i === 0} onClick={() => swap(i, i - 1)}>↑</button>
            <button type="button" aria-label={`Move stage ${i + 1} down`} disabled={i === stages.length - 1}
                    onClick={() => swap(i, i + 1)}>↓</button>
            <button type="button" aria-label={`Remove stage ${i + 1}`} disabled={stages.length === 1}
                    onClick={() => setStages(stages.filter((_, k) => k !== i))}>Remove</button>
            {["name", "probability", "kind"].map((k) => error?.forField(`stages[${i}].${k}`) && (
              <small key={k} className="field-error" role="alert">{error.forField(`stages[${i}].${k}`)}</small>
            ))}
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" onClick={() => setStages([...stages, { id: "", name: "", probability: 50, kind: "open" }])}>
          Add stage
        </button>
        <SubmitButton busy={busy} busyText="Saving…">{pipeline ? "Save the pipeline" : "Create pipeline"}</SubmitButton>
        {pipeline && <button type="button" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
