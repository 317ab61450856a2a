-- Idempotency-Key (PRODUCT.md §7), in every service's schema: the first
-- answer to a POST, stored by the transaction that made the write, so a
-- client whose answer was lost gets it again instead of a second record.
CREATE TABLE idempotency_keys (
  org_id       uuid NOT NULL,
  -- The credential that sent it (a user id, or "api_key:<id>"): one
  -- caller's key never answers another caller in the same organization.
  principal    text NOT NULL,
  -- The route (gRPC method) it was sent to: the same key on another route
  -- is another request.
  route        text NOT NULL,
  key          text NOT NULL,
  -- SHA-256 of the request message: the same key with another request is a
  -- conflict, not a replay.
  request_hash bytea NOT NULL,
  -- The serialized response message; written in the claiming transaction.
  response     bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, principal, route, key)
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

SELECT make_tenant_table('idempotency_keys');

-- Keys are kept 24 hours. The pruning round runs without an organization,
-- so it gets policies of its own, limited to expired keys and to
-- transactions that declare themselves the pruning round. (Like
-- sentra.org_id, the setting guards against code that forgets its scope,
-- not against SQL the service role chooses to run.)
CREATE POLICY prune_expired_read ON idempotency_keys FOR SELECT
  USING (current_setting('sentra.purpose', true) = 'prune_idempotency_keys'
         AND created_at < now() - interval '24 hours');
CREATE POLICY prune_expired_delete ON idempotency_keys FOR DELETE
  USING (current_setting('sentra.purpose', true) = 'prune_idempotency_keys'
         AND created_at < now() - interval '24 hours');
