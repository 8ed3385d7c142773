-- Store credit may expire (decision 0019). A credit row may carry `expires_at`; when it
-- passes, a worker posts an `expiry` row for what is left of that credit (debits consume the
-- soonest-expiring credit first), never editing the credit itself.
ALTER TABLE store_credit_transactions ADD COLUMN expires_at timestamptz;
ALTER TABLE store_credit_transactions
  ADD CONSTRAINT store_credit_transactions_expiry_on_credits CHECK (expires_at IS NULL OR amount > 0);

-- Credits whose expiry hasn't been settled yet. A row goes when its credit's expiry has been
-- posted (or a merge moved the credit), so the worker reads only what is still to do.
CREATE TABLE store_credit_pending_expiries (
  tenant_id text NOT NULL,
  transaction_id text NOT NULL,
  customer_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, transaction_id),
  FOREIGN KEY (tenant_id, transaction_id) REFERENCES store_credit_transactions (tenant_id, id)
);
-- Posting checks its customer for due credit; the liability report reads a tenant's windows.
CREATE INDEX store_credit_pending_expiries_customer
  ON store_credit_pending_expiries (tenant_id, customer_id, expires_at);
CREATE INDEX store_credit_pending_expiries_tenant
  ON store_credit_pending_expiries (tenant_id, expires_at);
-- The worker looks across tenants for what is due, like the import worker's scan: the one
-- index that cannot lead with tenant_id.
CREATE INDEX store_credit_pending_expiries_due ON store_credit_pending_expiries (expires_at);
