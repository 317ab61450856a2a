-- Lists sorted by name follow the language-neutral ICU collation, as people
-- read names (case and accents second to the letters), not the database's
-- byte order; leads and clients walk an index in that order.
DROP INDEX leads_org_name_idx;
CREATE INDEX leads_org_name_idx ON leads (org_id, name COLLATE "und-x-icu", id) WHERE archived_at IS NULL;
CREATE INDEX clients_org_name_idx ON clients (org_id, name COLLATE "und-x-icu", id) WHERE archived_at IS NULL;
