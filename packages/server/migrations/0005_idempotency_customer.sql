-- Which customer a stored idempotent response is about, so erasing that customer can retire
-- the response (it may hold their data) instead of replaying it for the next 24 hours.
ALTER TABLE idempotency_keys ADD COLUMN customer_id text;
CREATE INDEX idempotency_keys_customer ON idempotency_keys (tenant_id, customer_id)
  WHERE customer_id IS NOT NULL;
