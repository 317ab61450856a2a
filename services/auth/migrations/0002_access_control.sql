-- Access control: member status, brand access and client links; custom
-- roles; brands; invitations and one-time account tokens; API keys.

ALTER TABLE memberships
  ADD COLUMN status       text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'deactivated')),
  ADD COLUMN display_name text,         -- the organization's name for the member; the user's own when NULL
  ADD COLUMN brand_ids    uuid[],       -- NULL: every brand
  ADD COLUMN client_id    uuid,         -- client-portal members: the one client they may see
  ADD COLUMN version      integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now();
CREATE INDEX memberships_org_role_idx ON memberships (org_id, role) WHERE status <> 'deactivated';

-- A user may see and revoke their own sessions in every organization (a
-- password reset ends them all); an organization sees its own.
ALTER POLICY tenant_isolation ON refresh_tokens
  USING (org_id = current_org() OR user_id = current_app_user())
  WITH CHECK (org_id = current_org() OR user_id = current_app_user());

-- An organization's own roles, next to the system roles (which live in code).
CREATE TABLE roles (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, name)
);
SELECT make_tenant_table('roles');

CREATE TABLE brands (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organizations (id),
  name         text NOT NULL,
  slug         text NOT NULL,
  domain       text,
  sender_name  text NOT NULL DEFAULT '',
  sender_email text NOT NULL DEFAULT '',
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, slug)
);
-- A white-label domain routes to one brand on the whole platform.
CREATE UNIQUE INDEX brands_domain_key ON brands (lower(domain)) WHERE domain IS NOT NULL;
SELECT make_tenant_table('brands');

-- A pending invitation's single-use secret (the membership itself, with its
-- role, is created at invite time with status 'invited').
CREATE TABLE invitations (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  user_id     uuid NOT NULL REFERENCES users (id),
  token_hash  bytea NOT NULL UNIQUE,
  invited_by  uuid NOT NULL REFERENCES users (id),
  expires_at  timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitations_org_user_idx ON invitations (org_id, user_id);
SELECT make_tenant_table('invitations');

-- Password reset and e-mail verification secrets: about a person, not an
-- organization, and looked up before anyone is signed in.
CREATE TABLE user_tokens (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  purpose    text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
  token_hash bytea NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_tokens_user_idx ON user_tokens (user_id, purpose);

CREATE TABLE api_keys (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organizations (id),
  created_by   uuid NOT NULL REFERENCES users (id),
  name         text NOT NULL,
  prefix       text NOT NULL,
  secret_hash  bytea NOT NULL UNIQUE,
  permissions  text[] NOT NULL,
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_org_idx ON api_keys (org_id, id);
SELECT make_tenant_table('api_keys');

CREATE INDEX organizations_status_idx ON organizations (status) WHERE status <> 'active';
