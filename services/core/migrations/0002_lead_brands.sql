-- A lead may belong to one of the organization's brands; members limited to
-- other brands do not see it (libs/db tenancy: brand_visible).
SELECT make_brand_scoped('leads');
CREATE INDEX leads_org_brand_idx ON leads (org_id, brand_id, id) WHERE archived_at IS NULL AND brand_id IS NOT NULL;
