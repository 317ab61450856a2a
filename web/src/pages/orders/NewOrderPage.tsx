// A new order: its client (and deal, when made from one), currency and
// lines, with the totals worked out as the lines are typed. Saved as a
// draft, to be confirmed on its own page.

import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import type { Order, OrderLine } from "../../api/types";
import { ClientPicker } from "../../components/ClientPicker";
import { FormError, SubmitButton, TextField } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useSession } from "../../session/SessionContext";
import { EMPTY_LINE, LinesEditor, lineFields } from "./LinesEditor";

export function NewOrderPage() {
  const { me } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [clientId, setClientId] = useState(params.get("client_id") ?? "");
  const dealId = params.get("deal_id") ?? "";
  const [currency, setCurrency] = useState(me?.organization.default_currency || "USD");
  const [lines, setLines] = useState<OrderLine[]>([{ ...EMPTY_LINE }]);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { busy, error, onSubmit } = useSubmit(async () => {
    const order = await api<Order>("POST", "/v1/orders",
                                   { client_id: clientId, deal_id: dealId || undefined, currency, lines },
                                   { idempotencyKey });
    navigate(`/orders/${order.id}`);
  });
  const placed = ["client_id", "currency", ...lineFields(lines.length)];
  return (
    <section className="page" aria-labelledby="new-order-title">
      <p><Link to="/orders">← Orders</Link></p>
      <h1 id="new-order-title">New order</h1>
      <form className="card" onSubmit={onSubmit} noValidate aria-label="New order">
        <FormError message={unplacedMessage(error, placed)} />
        <div className="grid">
          <ClientPicker value={clientId} onChange={setClientId} error={error?.forField("client_id")} />
          <TextField label="Currency" maxLength={3} value={currency} error={error?.forField("currency")}
                     onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
        </div>
        {dealId && <p className="muted">For the deal this order was started from.</p>}
        <LinesEditor lines={lines} currency={currency} onChange={setLines} error={error} />
        <div className="actions">
          <SubmitButton busy={busy} busyText="Saving…">Save draft order</SubmitButton>
        </div>
      </form>
    </section>
  );
}
