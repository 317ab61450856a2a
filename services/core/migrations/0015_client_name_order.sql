-- Clients listed by name walk this index, as leads do theirs.
CREATE INDEX clients_org_name_idx ON clients (org_id, name, id) WHERE archived_at IS NULL;
