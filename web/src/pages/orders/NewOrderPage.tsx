// A new order: its client (and deal, when made from one), currency and
// lines, with the totals worked out as the lines are typed. Saved as a
// draft, to be confirmed on its own page.

import { useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { Client, Deal, Order, OrderLineDraft } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { ClientPicker } from "../../components/ClientPicker";
import { CurrencyField, FormError, SubmitButton } from "../../components/Field";
import { unplacedMessage, useSubmit } from "../../components/useSubmit";
import { useSession } from "../../session/SessionContext";
import { EMPTY_LINE, LinesEditor, lineFields } from "./LinesEditor";

export function NewOrderPage() {
  const { me } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [clientId, setClientId] = useState(params.get("client_id") ?? "");
  const dealId = params.get("deal_id") ?? "";
  const orgCurrency = me?.organization.default_currency || "USD";
  const [currency, setCurrency] = useState(orgCurrency);
  // Until someone picks one, the currency follows the deal's, else the client's.
  const [picked, setPicked] = useState(false);
  const deal = useRecord<Deal>(dealId ? `/v1/deals/${encodeURIComponent(dealId)}` : "").record;
  const client = useRecord<Client>(clientId ? `/v1/clients/${encodeURIComponent(clientId)}` : "").record;
  const suggested = deal?.currency || client?.currency || orgCurrency;
  useEffect(() => {
    if (!picked) setCurrency(suggested);
  }, [picked, suggested]);
  const [lines, setLines] = useState<OrderLineDraft[]>([{ ...EMPTY_LINE }]);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { busy, error, onSubmit } = useSubmit(async () => {
    if (!clientId) {
      throw new ApiError(400, "VALIDATION_ERROR", "Choose a client.", [{ field: "client_id", message: "Choose a client" }]);
    }
    const order = await api<Order>("POST", "/v1/orders",
                                   { client_id: clientId, deal_id: dealId || undefined, currency, lines },
                                   { idempotencyKey });
    navigate(`/orders/${order.id}`);
  });
  const placed = ["client_id", "currency", ...lineFields(lines.length)];
  const mismatch = deal && deal.currency !== currency ? `The deal is in ${deal.currency}`
    : client?.currency && client.currency !== currency ? `${client.name} is billed in ${client.currency}` : "";
  return (
    <section className="page" aria-labelledby="new-order-title">
      <p><Link to="/orders">← Orders</Link></p>
      <h1 id="new-order-title">New order</h1>
      <form className="card" onSubmit={onSubmit} noValidate aria-label="New order">
        <FormError message={unplacedMessage(error, placed)} />
        <div className="grid">
          <ClientPicker value={clientId} onChange={setClientId} error={error?.forField("client_id")} />
          <CurrencyField value={currency} error={error?.forField("currency")}
                         hint={deal ? "The deal's currency." : client?.currency ? "The client's currency." : undefined}
                         onChange={(c) => { setPicked(true); setCurrency(c); }} />
        </div>
        {mismatch && (
          <p className="warning" role="status">
            {mismatch}: this order will be in {currency}.{" "}
            <button type="button" className="link" onClick={() => { setPicked(false); setCurrency(suggested); }}>
              Use {suggested}
            </button>
          </p>
        )}
        {dealId && <p className="muted">For the deal {deal ? <Link to={`/deals/${dealId}`}>{deal.title}</Link> : "this order was started from"}.</p>}
        <LinesEditor lines={lines} currency={currency} onChange={setLines} error={error} />
        <div className="actions">
          <SubmitButton busy={busy} busyText="Saving…">Save draft order</SubmitButton>
        </div>
      </form>
    </section>
  );
}
