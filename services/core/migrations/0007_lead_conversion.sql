-- A converted lead names the client it became.
ALTER TABLE leads ADD COLUMN client_id uuid,
  ADD CONSTRAINT leads_client_fkey FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id);
