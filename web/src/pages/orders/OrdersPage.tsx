// Orders: by status, newest first, paged in as the list scrolls.

import { Link } from "react-router-dom";
import { ORDER_STATUSES, type Order } from "../../api/types";
import { FormError, SelectField } from "../../components/Field";
import { formatDate, formatMoney } from "../../format";
import { usePages } from "../../lists/usePages";
import { useUrlFilters } from "../../lists/useUrlFilters";
import { NEWEST_FIRST, SortField } from "../../lists/SortField";
import { VirtualList } from "../../lists/VirtualList";
import { useSession } from "../../session/SessionContext";

export function OrdersPage() {
  const { can } = useSession();
  const { filters, setFilter } = useUrlFilters({ status: "", client_id: "", sort: "-created_at" });
  const { rows, loading, done, error, loadMore } = usePages<Order>("/v1/orders", filters);
  return (
    <section aria-labelledby="orders-title" className="page">
      <div className="page-head">
        <h1 id="orders-title">Orders</h1>
        {can("orders:write") && <Link className="button primary" to="/orders/new">New order</Link>}
      </div>
      <div className="filters" role="search">
        <SelectField label="Status" value={filters.status} onChange={(e) => setFilter("status", e.target.value)}>
          <option value="">Any status</option>
          {ORDER_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </SelectField>
        <SortField value={filters.sort} options={NEWEST_FIRST} onChange={(v) => setFilter("sort", v)} />
      </div>
      <FormError message={error?.summary} />
      <div className="list-head" aria-hidden="true">
        <span>Created</span><span>Lines</span><span>Total</span><span>Status</span>
      </div>
      <VirtualList label="Orders" noun="orders" rows={rows} loading={loading} done={done} loadMore={loadMore}>
        {(order) => (
          <Link to={`/orders/${order.id}`} className="row-link">
            <span className="name">Order of {formatDate(order.created_at)}</span>
            <span>{order.lines?.length === 1 ? "1 line" : `${order.lines?.length ?? 0} lines`}</span>
            <span>{formatMoney(order.total, order.currency)}</span>
            <span><span className={`badge badge-${order.status}`}>{order.status}</span></span>
          </Link>
        )}
      </VirtualList>
    </section>
  );
}
