// The deals board: a pipeline's stages as columns, each deal a card. A card
// is moved by dragging it to another column, or (from the keyboard, or on a
// phone) with its stage menu. A move is sent at once; the card shows it is
// moving, and goes back with the reason if the server refuses.

import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import type { ApiError } from "../../api/errors";
import type { Deal, Pipeline, Stage, StageTotals } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { FormError, SelectField } from "../../components/Field";
import { formatMoney } from "../../format";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";
import { NewDealForm } from "./NewDealForm";

export function DealsBoard() {
  const { can, me } = useSession();
  const [params, setParams] = useSearchParams();
  const { record: pipelines, error, reload } = useRecord<{ data: Pipeline[] }>("/v1/pipelines");
  const [creating, setCreating] = useState(false);
  // Columns reload when a move touches them: a count per stage.
  const [versions, setVersions] = useState<Record<string, number>>({});
  const bump = useCallback((...stages: string[]) => {
    setVersions((old) => {
      const next = { ...old };
      for (const s of stages) next[s] = (next[s] ?? 0) + 1;
      return next;
    });
  }, []);
  const [moveError, setMoveError] = useState<ApiError | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  // The card moved from the keyboard keeps the focus in its new column.
  const [focusDeal, setFocusDeal] = useState<string | null>(null);

  if (error) return <section className="page"><h1>Deals</h1><FormError message={error.summary} /></section>;
  if (!pipelines) return <p role="status" className="page">Loading the pipelines…</p>;
  const chosen = params.get("pipeline");
  const pipeline = pipelines.data.find((p) => p.id === chosen) ?? pipelines.data[0];
  if (!pipeline) {
    // A new organization's default pipeline is made moments after sign-up.
    return (
      <section className="page">
        <h1>Deals</h1>
        <p>The pipeline is still being set up.</p>
        <button type="button" onClick={reload}>Check again</button>
      </section>
    );
  }
  const stages = [...pipeline.stages].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const currency = me?.organization.default_currency || "USD";

  // At the version on the card: a deal someone else moved meanwhile is not
  // moved again from a stale board; both columns are shown afresh instead.
  const move = async (deal: Deal, to: string, keepFocus: boolean) => {
    if (deal.stage_id === to || moving) return;
    setMoveError(null);
    setMoving(deal.id);
    try {
      await api<Deal>("PATCH", `/v1/deals/${deal.id}`, { stage_id: to }, { ifMatch: deal.version });
      setFocusDeal(keepFocus ? deal.id : null);
      bump(deal.stage_id, to);
    } catch (e) {
      setMoveError(e as ApiError);
      if ((e as ApiError).code === "VERSION_CONFLICT") bump(deal.stage_id, to);
    } finally {
      setMoving(null);
    }
  };

  return (
    <section aria-labelledby="deals-title" className="page page-wide">
      <div className="page-head">
        <h1 id="deals-title">Deals</h1>
        <div className="actions">
          {pipelines.data.length > 1 && (
            <SelectField label="Pipeline" value={pipeline.id}
                         onChange={(e) => setParams({ pipeline: e.target.value }, { replace: true })}>
              {pipelines.data.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </SelectField>
          )}
          {can("deals:write") && (
            <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>New deal</button>
          )}
        </div>
      </div>
      {creating && (
        <NewDealForm pipeline={pipeline} stages={stages}
                     onDone={(deal) => { setCreating(false); if (deal) bump(deal.stage_id); }} />
      )}
      <FormError message={moveError ? `The deal was not moved: ${moveError.summary}` : undefined} />
      {/* Focusable, so the keyboard can scroll the stages sideways even
          when no card is there to take the focus. */}
      <StageTotalsLoader pipelineId={pipeline.id} version={JSON.stringify(versions)}>
        {(totals) => (
          <div className="board" aria-label={`${pipeline.name} board`} role="region" tabIndex={0}>
            {stages.map((stage) => (
              <StageColumn key={`${stage.id}:${versions[stage.id] ?? 0}`} stage={stage} stages={stages}
                           pipelineId={pipeline.id} moving={moving} onMove={move} canMove={can("deals:write")}
                           focusDeal={focusDeal} totals={totals.get(stage.id)} currency={currency} />
            ))}
          </div>
        )}
      </StageTotalsLoader>
    </section>
  );
}

// Each stage's totals, asked again whenever a move changed a column.
function StageTotalsLoader({ pipelineId, version, children }: {
  pipelineId: string;
  version: string;
  children: (totals: Map<string, StageTotals>) => JSX.Element;
}) {
  const [totals, setTotals] = useState<Map<string, StageTotals>>(new Map());
  useEffect(() => {
    let current = true;
    api<{ data: StageTotals[] }>("GET", `/v1/pipelines/${encodeURIComponent(pipelineId)}/totals`).then(
      (r) => current && setTotals(new Map(r.data.map((t) => [t.stage_id, t]))),
      () => current && setTotals(new Map()),
    );
    return () => {
      current = false;
    };
  }, [pipelineId, version]);
  return children(totals);
}

// "3 deals · $12,000.00", and what is in other currencies beside it: sums
// of different currencies are not added up without exchange rates.
function StageSummary({ totals, currency }: { totals?: StageTotals; currency: string }) {
  if (!totals) return null;
  const own = totals.values.find((v) => v.currency === currency);
  const others = totals.values.filter((v) => v.currency !== currency);
  const otherCount = others.reduce((n, v) => n + v.count, 0);
  return (
    <p className="stage-totals">
      <span>{totals.count === 1 ? "1 deal" : `${totals.count} deals`}</span>
      {own && <span> · {formatMoney(own.value, currency)}</span>}
      {otherCount > 0 && (
        <span className="muted" title={others.map((v) => formatMoney(v.value, v.currency)).join(", ")}>
          {" "}+ {otherCount} in {others.length === 1 ? others[0].currency : "other currencies"}
        </span>
      )}
    </p>
  );
}

function StageColumn({ stage, stages, pipelineId, moving, onMove, canMove, focusDeal, totals, currency }: {
  stage: Stage;
  stages: Stage[];
  pipelineId: string;
  moving: string | null;
  onMove: (deal: Deal, to: string, keepFocus: boolean) => void;
  canMove: boolean;
  focusDeal: string | null;
  totals?: StageTotals;
  currency: string;
}) {
  const { rows, loading, done, error, loadMore } = usePages<Deal>(
    "/v1/deals", { pipeline_id: pipelineId, stage_id: stage.id, sort: "-created_at" }, 50);
  const [over, setOver] = useState(false);
  return (
    <section className={`column${over ? " drop-target" : ""}`} aria-label={stage.name}
             onDragOver={(e) => {
               if (!canMove || !e.dataTransfer.types.includes("application/x-sentra-deal")) return;
               e.preventDefault();
               setOver(true);
             }}
             onDragLeave={() => setOver(false)}
             onDrop={(e) => {
               e.preventDefault();  // else a card dragged by its link opens the deal (Firefox)
               setOver(false);
               const dragged = e.dataTransfer.getData("application/x-sentra-deal");
               if (dragged) onMove(JSON.parse(dragged) as Deal, stage.id, false);
             }}>
      <h2 className="column-head">
        <span>{stage.name}</span>
      </h2>
      <StageSummary totals={totals} currency={currency} />
      <FormError message={error?.summary} />
      <ul className="cards" aria-label={`Deals in ${stage.name}`} aria-busy={loading}>
        {rows.map((deal) => (
          <DealCard key={deal.id} deal={deal} stages={stages} moving={moving} canMove={canMove} onMove={onMove}
                    focused={focusDeal === deal.id} />
        ))}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted empty-column">No deals</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </section>
  );
}

// A card: dragged to another column, or moved with its stage menu and the
// Move button (a menu alone would move the deal at the first arrow key).
function DealCard({ deal, stages, moving, canMove, onMove, focused }: {
  deal: Deal;
  stages: Stage[];
  moving: string | null;
  canMove: boolean;
  onMove: (deal: Deal, to: string, keepFocus: boolean) => void;
  focused: boolean;
}) {
  const [to, setTo] = useState(deal.stage_id);
  const title = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focused) title.current?.focus();
  }, [focused]);
  return (
    <li className={`deal-card${moving === deal.id ? " moving" : ""}`} draggable={canMove} aria-busy={moving === deal.id}
        onDragStart={(e) => {
          e.dataTransfer.setData("application/x-sentra-deal", JSON.stringify(deal));
          e.dataTransfer.effectAllowed = "move";
        }}>
      <Link ref={title} to={`/deals/${deal.id}`} className="deal-title">{deal.title}</Link>
      <span className="muted">{formatMoney(deal.value, deal.currency)}</span>
      {moving === deal.id && <span role="status">Moving…</span>}
      {canMove && (
        <form className="stage-menu" aria-label={`Move ${deal.title}`}
              onSubmit={(e) => { e.preventDefault(); onMove(deal, to, true); }}>
          <select aria-label={`Stage of ${deal.title}`} value={to} disabled={moving !== null}
                  onChange={(e) => setTo(e.target.value)}>
            {stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          <button type="submit" disabled={moving !== null || to === deal.stage_id}>Move</button>
        </form>
      )}
    </li>
  );
}
