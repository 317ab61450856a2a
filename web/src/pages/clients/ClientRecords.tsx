// A client's deals and orders, in short lists that link to each.

import { Link } from "react-router-dom";
import type { Deal, Order } from "../../api/types";
import { FormError } from "../../components/Field";
import { formatDate, formatMoney } from "../../format";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";

export function ClientDeals({ clientId }: { clientId: string }) {
  const { can } = useSession();
  const { rows, loading, done, error, loadMore } = usePages<Deal>("/v1/deals", { client_id: clientId, sort: "-created_at" }, 20);
  if (!can("deals:read")) return null;
  return (
    <section className="card" aria-labelledby="client-deals-title">
      <h2 id="client-deals-title">Deals</h2>
      <FormError message={error?.summary} />
      <ul className="plain-list" aria-label="Deals of this client">
        {rows.map((d) => (
          <li key={d.id} className="split">
            <Link to={`/deals/${d.id}`}>{d.title}</Link>
            <span><span className={`badge badge-${d.status}`}>{d.status}</span> {formatMoney(d.value, d.currency)}</span>
          </li>
        ))}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted">No deals.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </section>
  );
}

export function ClientOrders({ clientId }: { clientId: string }) {
  const { can } = useSession();
  const { rows, loading, done, error, loadMore } = usePages<Order>("/v1/orders", { client_id: clientId, sort: "-created_at" }, 20);
  if (!can("orders:read")) return null;
  return (
    <section className="card" aria-labelledby="client-orders-title">
      <div className="page-head">
        <h2 id="client-orders-title">Orders</h2>
        {can("orders:write") && <Link className="button" to={`/orders/new?client_id=${clientId}`}>New order</Link>}
      </div>
      <FormError message={error?.summary} />
      <ul className="plain-list" aria-label="Orders of this client">
        {rows.map((o) => (
          <li key={o.id} className="split">
            <Link to={`/orders/${o.id}`}>Order of {formatDate(o.created_at)}</Link>
            <span><span className={`badge badge-${o.status}`}>{o.status}</span> {formatMoney(o.total, o.currency)}</span>
          </li>
        ))}
      </ul>
      {!loading && done && rows.length === 0 && <p className="muted">No orders.</p>}
      {!done && <button type="button" onClick={loadMore} disabled={loading}>Show more</button>}
    </section>
  );
}
