-- What reading a row into a list page costs: `listed_bytes`, the size of the
-- row as text (the form libpq hands a service), kept by a trigger on every
-- write. List statements sum it in list order and stop at the page's byte
-- budget (sentra/db/page_budget.h), so that a page of the largest rows a
-- tenant may write is never read whole.
CREATE FUNCTION set_listed_bytes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.listed_bytes := octet_length(NEW::text);
  RETURN NEW;
END $$;

CREATE FUNCTION make_listed_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  forced boolean;
BEGIN
  EXECUTE format('ALTER TABLE %s ADD COLUMN listed_bytes integer NOT NULL DEFAULT 0', t);
  EXECUTE format('CREATE TRIGGER listed_bytes BEFORE INSERT OR UPDATE ON %s '
                 'FOR EACH ROW EXECUTE FUNCTION set_listed_bytes()', t);
  -- Rows already there, every organization's: the trigger measures each as
  -- this rewrites it, with row-level security lifted for the owner (this
  -- role) for the one statement.
  SELECT relforcerowsecurity INTO forced FROM pg_class WHERE oid = t;
  IF forced THEN EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', t); END IF;
  EXECUTE format('UPDATE %s SET listed_bytes = 0', t);
  IF forced THEN EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t); END IF;
END $$;
