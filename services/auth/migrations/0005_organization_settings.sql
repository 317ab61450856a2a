-- An organization's own settings (name, slug, default currency, timezone)
-- are edited by its admins through PATCH /v1/organization: a version makes
-- a stale edit fail instead of undoing someone else's, and updated_at says
-- when it last changed. Existing organizations start where they were made.
ALTER TABLE organizations ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  ADD COLUMN updated_at timestamptz;
UPDATE organizations SET updated_at = created_at;
ALTER TABLE organizations ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
