-- The outbound e-mail queue; a sender delivers it over SMTP.
CREATE FUNCTION current_org() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('sentra.org_id', true), '')::uuid $$;

CREATE TABLE outbound_emails (
  id          uuid PRIMARY KEY,
  org_id      uuid NOT NULL,
  brand_id    uuid,
  to_address  text NOT NULL,
  to_name     text NOT NULL DEFAULT '',
  template    text NOT NULL,
  subject     text NOT NULL,
  body_text   text NOT NULL,
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  source_event_id uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX outbound_emails_org_idx ON outbound_emails (org_id, id);
CREATE INDEX outbound_emails_queued_idx ON outbound_emails (created_at) WHERE status = 'queued';
ALTER TABLE outbound_emails ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbound_emails FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbound_emails
  USING (org_id = current_org()) WITH CHECK (org_id = current_org());
