-- Organizations, users, memberships, refresh tokens and signing keys.

-- The tenants themselves. Read by id/slug before a tenant scope exists
-- (login, refresh), so not row-level secured; never listed to tenants.
CREATE TABLE organizations (
  id               uuid PRIMARY KEY,
  name             text NOT NULL,
  slug             text NOT NULL UNIQUE,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'archived')),
  default_currency text NOT NULL DEFAULT 'USD',
  timezone         text NOT NULL DEFAULT 'UTC',
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Global identities: one e-mail, one user, across organizations.
CREATE TABLE users (
  id             uuid PRIMARY KEY,
  email          text NOT NULL,
  name           text NOT NULL,
  password_hash  text,
  email_verified boolean NOT NULL DEFAULT false,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'deactivated')),
  is_superadmin  boolean NOT NULL DEFAULT false,
  last_login_at  timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
  org_id     uuid NOT NULL REFERENCES organizations (id),
  user_id    uuid NOT NULL REFERENCES users (id),
  role       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
-- A user sees their own memberships in every organization (to log in), and
-- an organization sees its members.
CREATE POLICY tenant_isolation ON memberships
  USING (org_id = current_org() OR user_id = current_app_user())
  WITH CHECK (org_id = current_org());

CREATE TABLE refresh_tokens (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  family_id   uuid NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id),
  token_hash  bytea NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  rotated_at  timestamptz,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_org_family_idx ON refresh_tokens (org_id, family_id);
CREATE INDEX refresh_tokens_org_user_idx ON refresh_tokens (org_id, user_id);
SELECT make_tenant_table('refresh_tokens');

-- Ed25519 keys for access tokens; the secret half is sealed with the key
-- from SENTRA_AUTH_SECRET, so a database dump alone cannot mint tokens.
CREATE TABLE signing_keys (
  kid            text PRIMARY KEY,
  public_key     bytea NOT NULL,
  sealed_secret  bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  retired_at     timestamptz
);
