-- Row-level security helpers, applied into every service's schema before its
-- own migrations (the "tenancy" component).

-- The organization and user of the current transaction, as the db library
-- sets them from the verified call; NULL when unset, so policies fail closed.
CREATE FUNCTION current_org() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('sentra.org_id', true), '')::uuid $$;
CREATE FUNCTION current_app_user() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('sentra.user_id', true), '')::uuid $$;

-- Makes a table with an org_id column tenant data: row-level security
-- enabled and forced (the owner role too), rows visible and writable only in
-- their organization's transactions.
CREATE FUNCTION make_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (org_id = current_org()) '
                 'WITH CHECK (org_id = current_org())', t);
END $$;
