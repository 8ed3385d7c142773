-- The api key the demo page names as `kid` in the sessions it mints, so revoking that key
-- (DELETE /v1/keys/{id}, listed as "Demo page") ends those sessions and turns the page off.
-- Null on demos seeded before this column: their page stays off, as if the key were revoked.
ALTER TABLE demo_showcase ADD COLUMN session_key_id text;
ALTER TABLE demo_showcase ADD FOREIGN KEY (tenant_id, session_key_id)
  REFERENCES api_keys (tenant_id, id);
