-- Every key of a tenant table leads with org_id (PRODUCT.md §10). Refresh
-- tokens and API keys name their organization, so they are found by
-- (org_id, hash); an invitation is found by its hash alone, before the
-- organization is known, so it keeps a plain index for that (its
-- uniqueness comes from 256 random bits, not from the constraint). The one
-- exception is a brand's custom domain, which must be unique across the
-- platform because a request's Host names it (brands_domain_key).
ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_pkey, ADD PRIMARY KEY (org_id, id),
  DROP CONSTRAINT refresh_tokens_token_hash_key, ADD CONSTRAINT refresh_tokens_token_hash_key UNIQUE (org_id, token_hash);

ALTER TABLE roles DROP CONSTRAINT roles_pkey, ADD PRIMARY KEY (org_id, id);
ALTER TABLE brands DROP CONSTRAINT brands_pkey, ADD PRIMARY KEY (org_id, id);

ALTER TABLE invitations DROP CONSTRAINT invitations_pkey, ADD PRIMARY KEY (org_id, id),
  DROP CONSTRAINT invitations_token_hash_key, ADD CONSTRAINT invitations_token_hash_key UNIQUE (org_id, token_hash);
CREATE INDEX invitations_token_hash_idx ON invitations (token_hash);

ALTER TABLE api_keys DROP CONSTRAINT api_keys_pkey, ADD PRIMARY KEY (org_id, id),
  DROP CONSTRAINT api_keys_secret_hash_key, ADD CONSTRAINT api_keys_secret_hash_key UNIQUE (org_id, secret_hash);
DROP INDEX api_keys_org_idx;
