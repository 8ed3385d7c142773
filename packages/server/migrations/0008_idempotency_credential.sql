-- Idempotency records belong to the credential that made the request, and to its path
-- (decision 0013): a secret key by its id, a session by its own id, the platform key as
-- 'platform' (tenant ''). Rows stored before this can't be attributed to a credential: they
-- keep credential_id = '' and path = '', are never replayed, and block their key with 409
-- until the hourly sweep removes them (so a retry across the upgrade doesn't run twice).
ALTER TABLE idempotency_keys ADD COLUMN credential_id text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN path text NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ALTER COLUMN credential_id DROP DEFAULT;
ALTER TABLE idempotency_keys ALTER COLUMN path DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (tenant_id, credential_id, path, key);
