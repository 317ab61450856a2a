-- billing's copy of the organization's default currency follows
-- organization.updated. Events of one organization are relayed in order, but
-- a retried delivery can arrive after a later one: the organization's
-- version that the copy came from lets an older event lose to a newer one.
ALTER TABLE billing_settings ADD COLUMN organization_version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
