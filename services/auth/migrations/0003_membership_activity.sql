-- An organization sees what belongs to its membership: the member's last
-- sign-in into this organization (users.last_login_at stays the person's own,
-- across organizations). Invitations are counted per organization per day.
ALTER TABLE memberships ADD COLUMN last_login_at timestamptz;
CREATE INDEX invitations_org_created_idx ON invitations (org_id, created_at);
