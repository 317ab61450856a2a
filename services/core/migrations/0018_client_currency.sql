-- The currency a client is billed in (ISO 4217), when not the
-- organization's own: new orders for it start in it.
ALTER TABLE clients ADD COLUMN currency text;
