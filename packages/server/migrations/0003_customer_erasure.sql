-- Erasure (POST /v1/customers/{id}/erase) clears identifying fields in place and stamps the
-- row, so financial records that point at it stay consistent and de-identified.
ALTER TABLE customers ADD COLUMN erased_at timestamptz;
