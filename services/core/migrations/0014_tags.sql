-- Tags: every record type carries a list of them, and the organization's
-- vocabulary of tags is kept beside: a tag used on a record joins it (a
-- trigger, so no write path can forget), one renamed or deleted there is
-- renamed in or removed from every record. Names are unique whatever
-- their case. The record tables are locked first, in their writers' order.
LOCK TABLE leads, clients, contacts, deals, orders IN ACCESS EXCLUSIVE MODE;

CREATE TABLE tags (
  org_id     uuid NOT NULL,
  id         uuid NOT NULL,
  name       text NOT NULL,
  color      text NOT NULL DEFAULT '',
  version    integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX tags_name ON tags (org_id, lower(name));
SELECT make_tenant_table('tags');

ALTER TABLE clients ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE contacts ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE deals ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
ALTER TABLE orders ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION remember_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tags (org_id, id, name)
    SELECT NEW.org_id, gen_random_uuid(), t FROM unnest(NEW.tags) AS t
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- The tags leads carry already join the vocabulary now. Every organization's
-- rows at once: row-level security is lifted for the owner (this role) for
-- the length of the statement, and forced again at once.
ALTER TABLE leads NO FORCE ROW LEVEL SECURITY;
ALTER TABLE tags NO FORCE ROW LEVEL SECURITY;
INSERT INTO tags (org_id, id, name)
  SELECT DISTINCT ON (l.org_id, lower(t.name)) l.org_id, gen_random_uuid(), t.name
  FROM leads l, unnest(l.tags) AS t(name) ORDER BY l.org_id, lower(t.name)
  ON CONFLICT DO NOTHING;
ALTER TABLE leads FORCE ROW LEVEL SECURITY;
ALTER TABLE tags FORCE ROW LEVEL SECURITY;

CREATE TRIGGER leads_remember_tags AFTER INSERT OR UPDATE OF tags ON leads
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION remember_tags();
CREATE TRIGGER clients_remember_tags AFTER INSERT OR UPDATE OF tags ON clients
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION remember_tags();
CREATE TRIGGER contacts_remember_tags AFTER INSERT OR UPDATE OF tags ON contacts
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION remember_tags();
CREATE TRIGGER deals_remember_tags AFTER INSERT OR UPDATE OF tags ON deals
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION remember_tags();
CREATE TRIGGER orders_remember_tags AFTER INSERT OR UPDATE OF tags ON orders
  FOR EACH ROW WHEN (cardinality(NEW.tags) > 0) EXECUTE FUNCTION remember_tags();
