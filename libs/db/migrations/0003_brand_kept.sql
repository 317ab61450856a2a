-- A member limited to some brands may not take a record out of its brand:
-- brand_visible() shows a record without a brand to everyone, so clearing
-- brand_id would show it to the whole organization. A policy's WITH CHECK
-- sees only the new row; this trigger compares it with the old one. Event
-- consumers and unlimited members work with `sentra.brands` = '*'.
CREATE FUNCTION brand_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.brand_id IS NOT NULL AND NEW.brand_id IS NULL
     AND coalesce(current_setting('sentra.brands', true), '') <> '*' THEN
    RAISE EXCEPTION 'a member limited to brands cannot take a record out of its brand'
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION make_brand_scoped(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE POLICY brand_scope ON %s AS RESTRICTIVE USING (brand_visible(brand_id)) '
                 'WITH CHECK (brand_visible(brand_id))', t);
  EXECUTE format('CREATE TRIGGER brand_kept BEFORE UPDATE OF brand_id ON %s '
                 'FOR EACH ROW EXECUTE FUNCTION brand_kept()', t);
END $$;

-- Tables of this schema made brand-scoped before this migration.
DO $$
DECLARE
  scoped regclass;
BEGIN
  FOR scoped IN
    SELECT format('%I.%I', schemaname, tablename)::regclass FROM pg_policies
    WHERE policyname = 'brand_scope' AND schemaname = current_schema()
  LOOP
    EXECUTE format('CREATE TRIGGER brand_kept BEFORE UPDATE OF brand_id ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION brand_kept()', scoped);
  END LOOP;
END $$;
