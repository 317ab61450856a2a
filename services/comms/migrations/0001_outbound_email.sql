-- The outbound e-mail queue; a sender delivers it over SMTP.
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
SELECT make_tenant_table('outbound_emails');
