// One order: a draft's lines to edit, then confirm (which makes billing
// draft an invoice), fulfil or cancel; its notes.

import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api/client";
import type { ApiError } from "../../api/errors";
import type { Client, Order, OrderLineDraft } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { LoadFailed } from "../../components/LoadFailed";
import { FormError, SubmitButton } from "../../components/Field";
import { NotesPanel } from "../../components/NotesPanel";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { formatDateTime, formatMoney } from "../../format";
import { useSession } from "../../session/SessionContext";
import { LinesEditor, lineFields } from "./LinesEditor";

const NEXT: Record<string, [string, string][]> = {
  draft: [["confirm", "Confirm order"], ["cancel", "Cancel order"]],
  confirmed: [["fulfill", "Mark fulfilled"], ["cancel", "Cancel order"]],
};

export function OrderPage() {
  const { id = "" } = useParams();
  const { record: order, setRecord, error, reload, loads } = useRecord<Order>(`/v1/orders/${encodeURIComponent(id)}`);
  const { record: client } = useRecord<Client>(order ? `/v1/clients/${order.client_id}` : "");
  if (error) return <LoadFailed error={error} what="order" back="/orders" backLabel="Back to orders" />;
  if (!order) return <p role="status" className="page">Loading the order…</p>;
  return (
    <section className="page" aria-labelledby="order-title">
      <p><Link to="/orders">← Orders</Link></p>
      <div className="page-head">
        <h1 id="order-title">Order <span className={`badge badge-${order.status}`}>{order.status}</span></h1>
        <Transitions order={order} onChanged={setRecord} onReload={reload} />
      </div>
      <p>
        {client && <>Client: <Link to={`/clients/${client.id}`}>{client.name}</Link> · </>}
        Total <strong>{formatMoney(order.total, order.currency)}</strong>
        {order.confirmed_at && <> · confirmed {formatDateTime(order.confirmed_at)}</>}
      </p>
      <div className="columns">
        <EditLines key={`${order.id}:${loads}:${order.status}`} order={order} onSaved={setRecord} onReload={reload} />
        <NotesPanel parent={`/v1/orders/${order.id}`} />
      </div>
    </section>
  );
}

// At the version shown: nobody confirms a total they have not seen.
function Transitions({ order, onChanged, onReload }: {
  order: Order;
  onChanged: (o: Order) => void;
  onReload: () => void;
}) {
  const { can } = useSession();
  const [running, setRunning] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (action: string) => {
    if (running || (action === "cancel" && !window.confirm("Cancel this order?"))) return;
    setRunning(action);
    setError(null);
    try {
      onChanged(await api<Order>("POST", `/v1/orders/${order.id}/${action}`, {}, { ifMatch: order.version }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setRunning("");
    }
  };
  const actions = NEXT[order.status] ?? [];
  if (!can("orders:write") || actions.length === 0) return null;
  return (
    <div className="actions">
      {actions.map(([action, label]) => (
        <button key={action} type="button" className={action === "cancel" ? "" : "primary"} disabled={running !== ""}
                aria-busy={running === action} onClick={() => void run(action)}>
          {running === action ? "Working…" : label}
        </button>
      ))}
      <FormError message={error?.summary} />
      {error?.code === "VERSION_CONFLICT" && <button type="button" onClick={onReload}>Load the current version</button>}
    </div>
  );
}

function EditLines({ order, onSaved, onReload }: { order: Order; onSaved: (o: Order) => void; onReload: () => void }) {
  const { can } = useSession();
  const [lines, setLines] = useState<OrderLineDraft[]>(() => (order.lines ?? []).map((l) => ({
    description: l.description, quantity: l.quantity, unit_price: l.unit_price, tax_rate: l.tax_rate,
  })));
  const [saved, setSaved] = useState(false);
  const { busy, error, onSubmit } = useSubmit(async () => {
    onSaved(await api<Order>("PATCH", `/v1/orders/${order.id}`, { lines }, { ifMatch: order.version }));
    setSaved(true);
  });
  const editable = order.status === "draft" && can("orders:write");
  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="Order lines">
      <h2>Lines</h2>
      <FormError message={unplacedMessage(error, lineFields(lines.length))} />
      {error?.code === "VERSION_CONFLICT" && <button type="button" onClick={onReload}>Load the current version</button>}
      <LinesEditor lines={lines} currency={order.currency} error={error} readOnly={!editable}
                   onChange={(next) => { setSaved(false); setLines(next); }} />
      {editable && (
        <div className="actions">
          <SubmitButton busy={busy} busyText="Saving…">Save lines</SubmitButton>
          {saved && <span role="status" className="ok">Saved.</span>}
        </div>
      )}
    </form>
  );
}
