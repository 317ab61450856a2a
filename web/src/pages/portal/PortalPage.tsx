// The client portal: what a member with the client role sees, their own
// client's details and orders, read only.

import { Link, useParams } from "react-router-dom";
import type { Order } from "../../api/types";
import { useRecord } from "../../api/useRecord";
import { LoadFailed } from "../../components/LoadFailed";
import { FormError } from "../../components/Field";
import { formatDate, formatDateTime, formatMoney } from "../../format";
import { usePages } from "../../lists/usePages";
import { useSession } from "../../session/SessionContext";
import { LinesEditor } from "../orders/LinesEditor";

interface PortalClient {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  website?: string;
}

export function PortalPage() {
  const { me } = useSession();
  if (me?.role !== "client") {
    return (
      <section className="page">
        <h1>The client portal</h1>
        <p>This is what a client's members see: their own client's details and orders. Invite one from Settings,
          Members, with the role <strong>client</strong>.</p>
        <Link to="/">Back</Link>
      </section>
    );
  }
  return <ClientPortal />;
}

function ClientPortal() {
  const { record: client, error } = useRecord<PortalClient>("/v1/portal/client");
  const orders = usePages<Order>("/v1/portal/orders", { sort: "-created_at" }, 50);
  return (
    <section className="page" aria-labelledby="portal-title">
      <h1 id="portal-title">{client ? client.name : "Your account"}</h1>
      <FormError message={error?.summary} />
      {client && (
        <p className="muted">{[client.email, client.phone, client.website].filter(Boolean).join(" · ")}</p>
      )}
      <section className="card" aria-labelledby="portal-orders-title">
        <h2 id="portal-orders-title">Your orders</h2>
        <FormError message={orders.error?.summary} />
        <ul className="plain-list" aria-label="Your orders" aria-busy={orders.loading}>
          {orders.rows.map((o) => (
            <li key={o.id} className="split">
              <Link to={`/portal/orders/${o.id}`}>Order of {formatDate(o.created_at)}</Link>
              <span><span className={`badge badge-${o.status}`}>{o.status}</span> {formatMoney(o.total, o.currency)}</span>
            </li>
          ))}
        </ul>
        {!orders.loading && orders.done && orders.rows.length === 0 && <p className="muted">No orders yet.</p>}
        {!orders.done && <button type="button" onClick={orders.loadMore} disabled={orders.loading}>Show more</button>}
      </section>
    </section>
  );
}

export function PortalOrderPage() {
  const { id = "" } = useParams();
  const { record: order, error } = useRecord<Order>(`/v1/portal/orders/${encodeURIComponent(id)}`);
  if (error) return <LoadFailed error={error} what="order" back="/portal" backLabel="Back" />;
  if (!order) return <p role="status" className="page">Loading the order…</p>;
  return (
    <section className="page" aria-labelledby="portal-order-title">
      <p><Link to="/portal">← Your orders</Link></p>
      <h1 id="portal-order-title">Order <span className={`badge badge-${order.status}`}>{order.status}</span></h1>
      <p>Placed {formatDateTime(order.created_at)} · Total <strong>{formatMoney(order.total, order.currency)}</strong></p>
      <div className="card">
        <LinesEditor lines={order.lines ?? []} currency={order.currency} onChange={() => undefined} error={null} readOnly />
      </div>
    </section>
  );
}
