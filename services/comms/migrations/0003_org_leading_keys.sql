-- Every key of a tenant table leads with org_id (PRODUCT.md §10).
ALTER TABLE outbound_emails DROP CONSTRAINT outbound_emails_pkey, ADD PRIMARY KEY (org_id, id);
DROP INDEX outbound_emails_org_idx;
