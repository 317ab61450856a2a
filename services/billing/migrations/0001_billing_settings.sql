-- Per-organization billing settings: currency and invoice numbering.
CREATE TABLE billing_settings (
  org_id              uuid PRIMARY KEY,
  currency            text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  invoice_prefix      text NOT NULL DEFAULT 'INV',
  invoice_number_digits integer NOT NULL DEFAULT 6 CHECK (invoice_number_digits BETWEEN 1 AND 12),
  next_invoice_number bigint NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now()
);
SELECT make_tenant_table('billing_settings');
