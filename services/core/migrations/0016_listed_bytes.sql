-- Every table a list reads keeps what a row costs to read (listed_bytes,
-- the tenancy helper make_listed_table), so that a page stops at its byte
-- budget instead of reading 200 of the largest rows a tenant may write.
SELECT make_listed_table('leads');
SELECT make_listed_table('clients');
SELECT make_listed_table('contacts');
SELECT make_listed_table('notes');
SELECT make_listed_table('tasks');
SELECT make_listed_table('timeline_items');
SELECT make_listed_table('order_lines');

-- A deal is read with its stage history, and an order with its lines:
-- their rows carry what those add.
ALTER TABLE deals ADD COLUMN history_bytes integer NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN lines_bytes integer NOT NULL DEFAULT 0;
-- Every organization's rows at once: row-level security lifted for the
-- owner (this role) for these statements, and forced again at once.
ALTER TABLE deals NO FORCE ROW LEVEL SECURITY;
ALTER TABLE deal_stage_history NO FORCE ROW LEVEL SECURITY;
ALTER TABLE orders NO FORCE ROW LEVEL SECURITY;
ALTER TABLE order_lines NO FORCE ROW LEVEL SECURITY;
-- As kEnterStage counts them: one "<stage id> <micros>," per entry.
UPDATE deals d SET history_bytes = 56 * (SELECT count(*) FROM deal_stage_history h
                                         WHERE h.org_id = d.org_id AND h.deal_id = d.id);
UPDATE orders o SET lines_bytes = (SELECT coalesce(sum(l.listed_bytes), 0) FROM order_lines l
                                   WHERE l.org_id = o.org_id AND l.order_id = o.id);
ALTER TABLE deals FORCE ROW LEVEL SECURITY;
ALTER TABLE deal_stage_history FORCE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
ALTER TABLE order_lines FORCE ROW LEVEL SECURITY;
SELECT make_listed_table('deals');
SELECT make_listed_table('orders');
