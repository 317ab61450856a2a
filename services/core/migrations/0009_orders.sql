-- Orders: a client's sale, its lines priced exactly in its currency (minor
-- units; quantities at six fraction digits, tax rates in percent at four).
-- Seen through its client, like deals: every statement requires the live
-- client, whose brand and portal policies then decide. The totals are kept
-- on the order so that lists and sums need not add the lines up again.
CREATE TABLE orders (
  org_id         uuid NOT NULL,
  id             uuid NOT NULL,
  client_id      uuid NOT NULL,
  deal_id        uuid,
  owner_id       uuid,
  currency       text NOT NULL,
  status         text NOT NULL CHECK (status IN ('draft', 'confirmed', 'fulfilled', 'cancelled')),
  subtotal_minor bigint NOT NULL DEFAULT 0,
  tax_minor      bigint NOT NULL DEFAULT 0,
  total_minor    bigint NOT NULL DEFAULT 0 CHECK (total_minor >= 0),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  confirmed_at   timestamptz,
  cancelled_at   timestamptz,
  archived_at    timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id),
  FOREIGN KEY (org_id, deal_id) REFERENCES deals (org_id, id),
  -- Only drafts are deleted: a confirmed order is cancelled instead.
  CHECK (archived_at IS NULL OR status = 'draft')
);
CREATE INDEX orders_client_idx ON orders (org_id, client_id, id) WHERE archived_at IS NULL;
CREATE INDEX orders_status_idx ON orders (org_id, status, id) WHERE archived_at IS NULL;
CREATE INDEX orders_deal_idx ON orders (org_id, deal_id, id) WHERE archived_at IS NULL AND deal_id IS NOT NULL;
SELECT make_tenant_table('orders');
-- A client-portal member's transactions see their own client's orders
-- only, whatever a statement asks for.
SELECT make_client_scoped('orders', 'client_id');

CREATE TABLE order_lines (
  org_id                   uuid NOT NULL,
  order_id                 uuid NOT NULL,
  position                 integer NOT NULL CHECK (position >= 1),
  description              text NOT NULL,
  quantity_micros          bigint NOT NULL CHECK (quantity_micros > 0),
  unit_price_minor         bigint NOT NULL,
  tax_rate_ten_thousandths bigint NOT NULL CHECK (tax_rate_ten_thousandths BETWEEN 0 AND 1000000),
  subtotal_minor           bigint NOT NULL,
  tax_minor                bigint NOT NULL,
  total_minor              bigint NOT NULL,
  PRIMARY KEY (org_id, order_id, position),
  FOREIGN KEY (org_id, order_id) REFERENCES orders (org_id, id) ON DELETE CASCADE
);
SELECT make_tenant_table('order_lines');

-- Notes on orders too.
ALTER TABLE notes DROP CONSTRAINT notes_parent_type_check;
ALTER TABLE notes ADD CONSTRAINT notes_parent_type_check CHECK (parent_type IN ('lead', 'client', 'deal', 'order'));
