-- Narrower scopes inside an organization, for members who may see only part
-- of it. Each is a RESTRICTIVE policy: it narrows what the tenant policy
-- allows and can never widen it.

-- Brands: a member may be limited to some of the organization's brands
-- (auth's memberships.brand_ids), carried as `sentra.brands`: "*" for every
-- brand, else comma-separated ids. A record with a brand_id is visible and
-- writable only when its brand is listed; one without a brand, to everyone.
CREATE FUNCTION brand_visible(brand uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT brand IS NULL
      OR current_setting('sentra.brands', true) = '*'
      OR brand::text = ANY (string_to_array(NULLIF(current_setting('sentra.brands', true), ''), ','))
$$;

CREATE FUNCTION make_brand_scoped(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE POLICY brand_scope ON %s AS RESTRICTIVE USING (brand_visible(brand_id)) '
                 'WITH CHECK (brand_visible(brand_id))', t);
END $$;

-- Client portal: a client-portal member is linked to one client, carried as
-- `sentra.client_id`; their transactions see only that client's records.
-- Everyone else's transactions leave it unset and are not narrowed.
CREATE FUNCTION current_client() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('sentra.client_id', true), '')::uuid $$;

-- `client_column`: the column naming the record's client ("id" for the
-- clients table itself, "client_id" for what belongs to a client).
CREATE FUNCTION make_client_scoped(t regclass, client_column name) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE POLICY client_scope ON %s AS RESTRICTIVE '
                 'USING (current_client() IS NULL OR %I = current_client()) '
                 'WITH CHECK (current_client() IS NULL OR %I = current_client())', t, client_column, client_column);
END $$;
