-- Per-organization billing settings: currency and invoice numbering.
CREATE FUNCTION current_org() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('sentra.org_id', true), '')::uuid $$;

CREATE TABLE billing_settings (
  org_id              uuid PRIMARY KEY,
  currency            text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  invoice_prefix      text NOT NULL DEFAULT 'INV',
  invoice_number_digits integer NOT NULL DEFAULT 6 CHECK (invoice_number_digits BETWEEN 1 AND 12),
  next_invoice_number bigint NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE billing_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing_settings
  USING (org_id = current_org()) WITH CHECK (org_id = current_org());
